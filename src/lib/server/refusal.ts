/**
 * The one expected-refusal type of the server: what was refused (`code`, the wire's ErrorCode),
 * what the person is told (`key`, a full i18n key, said in Vietnamese or English at the
 * transport) and the facts the UI may use (`details`). Services throw it; each transport has
 * one adapter: form actions and pages in refusal-kit.ts, socket acks and Yjs closes here.
 * Anything else thrown is unexpected: logged with an id, the person sees the id only.
 */
import type { Translate } from '../i18n';
import { CLOSE } from '../protocol/close-codes';
import type { AckError, ErrorCode } from '../protocol/socket';

/** A list value holds message keys: each is translated and the list joined ("a, b"). */
export type RefusalParams = Record<string, string | number | string[]>;

/**
 * Marks a refusal without `instanceof`: server/main.ts and the SvelteKit bundle each hold a copy
 * of this module, and a refusal may cross from one to the other (a route calling live effects).
 */
const BRAND = Symbol.for('ocop.refusal');

export class Refusal extends Error {
	readonly [BRAND] = true;
	constructor(
		readonly code: ErrorCode,
		readonly key: string,
		readonly params: RefusalParams = {},
		readonly details?: unknown
	) {
		super(`${code}: ${key}`);
		this.name = 'Refusal';
	}
}

export function refuse(
	code: ErrorCode,
	key: string,
	params: RefusalParams = {},
	details?: unknown
): never {
	throw new Refusal(code, key, params, details);
}

export function isRefusal(e: unknown): e is Refusal {
	return typeof e === 'object' && e !== null && (e as { [BRAND]?: boolean })[BRAND] === true;
}

/** The refusal in the person's language. */
export function refusalMessage(r: Refusal, t: Translate): string {
	const params = Object.fromEntries(
		Object.entries(r.params).map(([k, v]) => [
			k,
			Array.isArray(v) ? v.map((key) => t(key)).join(', ') : v
		])
	);
	return t(r.key, params);
}

/** The HTTP status a form or endpoint answers a refusal with. */
export function refusalStatus(r: Refusal): 400 | 403 | 404 | 429 {
	switch (r.code) {
		case 'not-found':
			return 404;
		case 'forbidden':
			return 403;
		case 'rate-limited':
			return 429;
		default:
			return 400;
	}
}

/**
 * The one format of an unexpected failure: logged as `[id] where` with the error, shown as
 * `errors.unexpected` with the same id so a report can be matched to the log line.
 */
export function unexpectedFailure(e: unknown, where: string, t: Translate) {
	const id = crypto.randomUUID().slice(0, 8);
	console.error(`[${id}] ${where}`, e);
	return { id, message: t('errors.unexpected', { id }) };
}

/** Socket adapter: any thrown value becomes the `error` of a failed ack. */
export function ackError(e: unknown, t: Translate, where: string): AckError {
	if (isRefusal(e)) {
		const error: AckError = { code: e.code, message: refusalMessage(e, t) };
		if (e.details !== undefined) error.details = e.details;
		return error;
	}
	return { code: 'internal', message: unexpectedFailure(e, where, t).message };
}

const CLOSE_OF: Partial<Record<ErrorCode, number>> = {
	'bad-request': CLOSE.badMessage,
	unauthorized: CLOSE.unauthorized,
	forbidden: CLOSE.forbidden,
	'not-found': CLOSE.notFound,
	'rate-limited': CLOSE.rateLimited
};

export type YjsCloseCode = (typeof CLOSE)[keyof typeof CLOSE];

/**
 * Yjs adapter: the WebSocket close code and reason for a refusal. The reason is the message
 * key (close reasons are limited to 123 bytes and read by the client, not the person). `close`
 * is for what the client must tell apart beyond the ErrorCode: a message over the size limit,
 * too many connections, an edit outside the written-opinion window (close-codes.ts).
 */
export function closeFor(r: Refusal, close?: YjsCloseCode): { code: number; reason: string } {
	return { code: close ?? CLOSE_OF[r.code] ?? CLOSE.forbidden, reason: r.key };
}

type Closable = { close(code: number, reason: string): void };

export function closeWith(ws: Closable, r: Refusal, close?: YjsCloseCode): void {
	const { code, reason } = closeFor(r, close);
	ws.close(code, reason);
}

/** A refusal the Yjs protocol makes itself (a frame, a limit), closed as any other refusal. */
export function refuseYjs(ws: Closable, code: ErrorCode, key: string, close?: YjsCloseCode): void {
	closeWith(ws, new Refusal(code, key), close);
}

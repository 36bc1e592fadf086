import { translator, isLocale, LOCALE_COOKIE, DEFAULT_LOCALE } from '../../src/lib/i18n';
import type { Ack, AckFn } from '../../src/lib/protocol/socket';
import { readCookie } from '../../src/lib/server/auth/session';
import { ackError } from '../../src/lib/server/refusal';
import type { AppSocket } from '../realtime-types';

/** Producers waiting for their item hear the agenda's progress here, and nothing else. */
export function lobbyRoom(sittingId: string): string {
	return `lobby:${sittingId}`;
}

export function localeOf(socket: AppSocket) {
	const chosen = readCookie(socket.request.headers.cookie, LOCALE_COOKIE);
	return isLocale(chosen) ? chosen : DEFAULT_LOCALE;
}

/**
 * Runs a command and always acknowledges: an expected refusal in the person's language, an
 * unexpected failure as a short message with an error id (logged, never the stack).
 */
export async function answer<T>(
	socket: AppSocket,
	ack: unknown,
	run: () => T | Promise<T>
): Promise<void> {
	const reply: AckFn<T> = typeof ack === 'function' ? (ack as AckFn<T>) : () => undefined;
	const t = translator(localeOf(socket));
	let result: Ack<T>;
	try {
		result = { ok: true, data: await run() };
	} catch (e) {
		result = { ok: false, error: ackError(e, t, 'meeting command failed') };
	}
	reply(result);
}

import type { z } from 'zod';
import { LOCALE_COOKIE, isLocale, translator, DEFAULT_LOCALE } from '../../src/lib/i18n';
import type { Ack, AckFn } from '../../src/lib/protocol/socket';
import { readCookie } from '../../src/lib/server/auth/session';
import { ackError } from '../../src/lib/server/refusal';
import type { AppSocket } from '../realtime-types';

export function socketT(socket: AppSocket) {
	const lang = readCookie(socket.request.headers.cookie, LOCALE_COOKIE);
	return translator(isLocale(lang) ? lang : DEFAULT_LOCALE);
}

/**
 * Runs one acknowledged command: the payload is parsed first (bad input changes nothing),
 * expected refusals become translated acks with their details, anything else is logged with
 * an id and reaches the person as a short message.
 */
export function command<S extends z.ZodType, T>(
	socket: AppSocket,
	schema: S,
	run: (payload: z.infer<S>) => T | Promise<T>
) {
	return async (payload: unknown, ack: AckFn<T>) => {
		const reply = (a: Ack<T>) => (typeof ack === 'function' ? ack(a) : undefined);
		const t = socketT(socket);
		const parsed = schema.safeParse(payload);
		if (!parsed.success) {
			const details = parsed.error.issues.map((i) => ({
				path: i.path.join('.'),
				message: i.message
			}));
			return reply({
				ok: false,
				error: { code: 'bad-request', message: t('scoring.errors.badRequest'), details }
			});
		}
		try {
			reply({ ok: true, data: await run(parsed.data) });
		} catch (e) {
			reply({ ok: false, error: ackError(e, t, 'scoring command failed') });
		}
	};
}

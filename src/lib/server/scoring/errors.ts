import type { ErrorCode } from '../../protocol/socket';

/** An expected refusal: the socket handler turns it into an ack in the person's language. */
export class ScoringError extends Error {
	constructor(
		readonly code: ErrorCode,
		/** i18n key under `scoring.errors`. */
		readonly key: string,
		readonly details?: unknown
	) {
		super(key);
		this.name = 'ScoringError';
	}
}

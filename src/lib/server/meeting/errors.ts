import type { ErrorCode } from '../../protocol/socket';

/**
 * An expected refusal of a meeting command. `key` names a message under `meeting.errors`, so
 * the transport can say it in the person's language.
 */
export class MeetingError extends Error {
	constructor(
		readonly code: ErrorCode,
		readonly key: string
	) {
		super(`${code}: ${key}`);
		this.name = 'MeetingError';
	}
}

export function refuse(code: ErrorCode, key: string): never {
	throw new MeetingError(code, key);
}

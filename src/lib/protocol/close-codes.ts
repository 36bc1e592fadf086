/** WebSocket close codes of the Yjs endpoint (4000–4999 are the application's own range). */
export const CLOSE = {
	/**
	 * No valid session: the upgrade itself answers 401 before a socket exists, and an open
	 * connection is closed with this code as soon as its session ends (sign-out, a password
	 * change, the account disabled, expiry).
	 */
	unauthorized: 4401,
	/** The session may not open this document, or a read-only connection tried to write. */
	forbidden: 4403,
	/**
	 * A member's card in a round held by written opinion, edited before the round opens or after
	 * it closes: the card stays readable, the edit is refused.
	 */
	outsideWindow: 4423,
	/** No such document. */
	notFound: 4404,
	/** A message over the size limit, or a document that has reached its own. */
	tooLarge: 4413,
	/**
	 * A member has written their share of an item's shared notes: what they wrote stays, and
	 * they can read on; the chair and the secretary can still write.
	 */
	notesShareFull: 4414,
	/**
	 * Too many messages on this connection: the client waits and reconnects (its sync then
	 * carries whatever the server did not take), instead of reconnecting at once.
	 */
	rateLimited: 4429,
	/**
	 * Too many open connections for this session, or from this address (config.ts `live`):
	 * reconnecting at once would be refused again; close another tab first.
	 */
	tooManyConnections: 4409,
	/** A malformed message. */
	badMessage: 4400,
	/** The server is shutting down; reconnect later. */
	goingAway: 1001
} as const;

/** What a person is told (an i18n key, vi and en) when a live connection closes with a code. */
export const CLOSE_MESSAGE_KEYS: Readonly<Record<number, string>> = {
	[CLOSE.unauthorized]: 'errors.liveSessionEnded',
	[CLOSE.tooManyConnections]: 'errors.liveTooManyConnections',
	[CLOSE.outsideWindow]: 'errors.writtenOutsideWindow',
	[CLOSE.tooLarge]: 'errors.liveDocumentTooLarge',
	[CLOSE.notesShareFull]: 'errors.liveNotesShareFull'
};

/** WebSocket close codes of the Yjs endpoint (4000–4999 are the application's own range). */
export const CLOSE = {
	/** No valid session (the upgrade itself answers 401 before a socket exists). */
	unauthorized: 4401,
	/** The session may not open this document, or a read-only connection tried to write. */
	forbidden: 4403,
	/** No such document. */
	notFound: 4404,
	/** A message over the size limit. */
	tooLarge: 4413,
	/**
	 * Too many messages on this connection: the client waits and reconnects (its sync then
	 * carries whatever the server did not take), instead of reconnecting at once.
	 */
	rateLimited: 4429,
	/** A malformed message. */
	badMessage: 4400,
	/** The server is shutting down; reconnect later. */
	goingAway: 1001
} as const;

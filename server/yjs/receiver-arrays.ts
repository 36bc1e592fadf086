import type { WebSocket } from 'ws';

/** What `releaseFragments` keeps per socket. */
export interface FragmentsHolder {
	fragments: unknown[] | null;
}

/**
 * ws (8.x) gives a socket's receiver a new `_fragments` array after each message. A member's card
 * socket gets a message every few seconds, so that array has moved to the old generation by the
 * time the next message is pushed into it, and a young object written into an old one is a root
 * for the young generation's collector until the old one is collected: the message's Buffer and
 * the array's storage, dead as soon as the message was handled, survived two scavenges and were
 * promoted (bench: about a third of what the tick phase promoted, the rest of the old
 * generation's garbage that a full collection, 125-150 ms of marking on the event loop, then
 * had to find). Emptying the previous array once the next message has been read drops that
 * root. A receiver without the field (another ws) leaves this a no-op.
 */
export function releaseFragments(ws: WebSocket, holder: FragmentsHolder): void {
	if (holder.fragments) holder.fragments.length = 0;
	const next = (ws as unknown as { _receiver?: { _fragments?: unknown } })._receiver?._fragments;
	holder.fragments = Array.isArray(next) ? next : null;
}

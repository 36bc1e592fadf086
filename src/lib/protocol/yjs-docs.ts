/**
 * Yjs document names and map keys, shared by the browser and the server's `/yjs/` endpoint.
 *
 * - `card/<itemId>/<userId>`: one member's draft scorecard for one agenda item. Only that member
 *   writes it (while the item is in scoring); the chair and secretary read it.
 * - `notes/<itemId>`: the council's shared discussion notes for one agenda item.
 * - `board/<itemId>`: not a document but the chair's and secretary's read-only view of every
 *   card of the item and its notes over one connection (see MESSAGE_BOARD).
 */

const ID = '[A-Za-z0-9_-]{1,64}';

/** Card doc: Y.Map of leaf code → 0-based option index (-1 = none met). */
export const CARD_CHOICES = 'choices';
/** What these helpers need of a Y.Doc (protocol/ imports no Yjs: see eslint.config.js). */
interface CardDoc {
	getMap(name: typeof CARD_CHOICES): { readonly size: number; toJSON(): Record<string, unknown> };
}

/**
 * How many criteria a draft card has ticked: the one count the chair's board shows, computed
 * here for the server's board (open cards) and the browser's board stream alike.
 */
export function answeredOnCard(doc: CardDoc): number {
	return doc.getMap(CARD_CHOICES).size;
}

/** The card's ticks as plain data (leaf code → option index), as submit reads them. */
export function choicesOnCard(doc: CardDoc): Record<string, unknown> {
	return doc.getMap(CARD_CHOICES).toJSON();
}

/** Notes doc: Y.Map of criterion code → Y.Text. */
export const NOTES_BY_CRITERION = 'notes';

/**
 * Extra y-websocket message type the server sends a writer after persisting its update: the
 * server's state vector, so the client can tell "saved on the server" from "only on this
 * device". Sent only to connections that ask for it with `?saved=1`.
 */
export const MESSAGE_SAVED = 100;

/**
 * Extra message type on a `board/<itemId>` connection, server to client only: a varstring key
 * (the card owner's user id, or BOARD_NOTES_KEY) followed by an ordinary y-websocket sync message
 * (step 2 with the whole document first, then updates) for that document. One socket per watcher
 * instead of one per card: a sitting of 15 members costs 17 sockets, not 47.
 */
export const MESSAGE_BOARD = 101;
export const BOARD_NOTES_KEY = '#notes';

export function boardDocName(itemId: string): string {
	return `board/${itemId}`;
}

const BOARD_RE = new RegExp(`^board/(${ID})$`);

/** The item of a board connection's name, or null. */
export function parseBoardName(name: string): string | null {
	return BOARD_RE.exec(name)?.[1] ?? null;
}

export type DocRef =
	{ kind: 'card'; itemId: string; userId: string } | { kind: 'notes'; itemId: string };

const CARD_RE = new RegExp(`^card/(${ID})/(${ID})$`);
const NOTES_RE = new RegExp(`^notes/(${ID})$`);

export function cardDocName(itemId: string, userId: string): string {
	return `card/${itemId}/${userId}`;
}

export function notesDocName(itemId: string): string {
	return `notes/${itemId}`;
}

export function formatDocName(ref: DocRef): string {
	return ref.kind === 'card' ? cardDocName(ref.itemId, ref.userId) : notesDocName(ref.itemId);
}

/** The document a name refers to, or null for anything this app does not serve. */
export function parseDocName(name: string): DocRef | null {
	const card = CARD_RE.exec(name);
	if (card) return { kind: 'card', itemId: card[1], userId: card[2] };
	const notes = NOTES_RE.exec(name);
	if (notes) return { kind: 'notes', itemId: notes[1] };
	return null;
}

/**
 * Presence (awareness) changes one connection may send: PRESENCE_BURST at once, then
 * PRESENCE_PER_SECOND. The server closes a connection past it (4429); the browser paces its own
 * presence below it (`PRESENCE_INTERVAL_MS`), so only a client that is not this app meets it.
 */
export const PRESENCE_BURST = 10;
export const PRESENCE_PER_SECOND = 2;
/**
 * The browser's least gap between two presence changes: a fifth below the server's refill, so
 * its own sends, y-protocols' 15-second renewal and a reconnect's state never empty the bucket.
 */
export const PRESENCE_INTERVAL_MS = Math.ceil(1000 / (PRESENCE_PER_SECOND * 0.8));

// The vocabulary of the authorisation matrix: who asks, in which item state, and what they get.
import { ITEM_STATES, type ItemState } from '../../../src/lib/domain/meeting';
import type { ErrorCode } from '../../../src/lib/protocol/socket';

export const ROLES = [
	'admin',
	'office',
	/** An office account seated as council A's (non-voting) secretary. */
	'secretary',
	'chair',
	'member',
	/** A voting member of council A with a conflict declared on the item. */
	'recused',
	'otherCouncil',
	'producer',
	'otherProducer',
	'commune',
	'anonymous'
] as const;
export type Role = (typeof ROLES)[number];

export { ITEM_STATES, type ItemState };

/**
 * - `ok`: HTTP 200, an acknowledged command, a Yjs update the server stored;
 * - `redirect:/path`: 303 to exactly that path (not the sign-in page);
 * - `login`: 303 to /login?next=…;
 * - `forbidden` / `not-found` / `unauthorized`: HTTP 403 / 404 / 401 (for socket.io and Yjs:
 *   the handshake or upgrade refused);
 * - `invalid`: HTTP 400, past every gate and stopped by a business rule;
 * - `refused:<code>`: a socket.io ack `{ ok: false, error: { code } }`;
 * - `noop`: acknowledged, and the database did not change;
 * - Yjs: `read` (connected; a write is closed 4403), `closed:4403` and `closed:4404` (closed
 *   before any data: no access, or no such document for this person).
 */
export type Outcome =
	| 'ok'
	| `redirect:/${string}`
	| 'login'
	| 'forbidden'
	| 'not-found'
	| 'unauthorized'
	| 'invalid'
	| `refused:${ErrorCode}`
	| 'noop'
	| 'read'
	| 'closed:4403'
	| 'closed:4404';

/** A refusal of the person: it must carry no protected data. */
export function isDenial(o: Outcome): boolean {
	return (
		o === 'login' ||
		o === 'forbidden' ||
		o === 'not-found' ||
		o === 'unauthorized' ||
		o === 'refused:forbidden' ||
		o === 'refused:not-found' ||
		o.startsWith('closed:')
	);
}

/** Whether the database may change: only an accepted request changes anything. */
export function mayWrite(o: Outcome): boolean {
	return o === 'ok' || o.startsWith('redirect:');
}

export type ByState = Record<ItemState, Outcome>;
export type Expectation = Record<Role, Outcome | ByState>;

/** `when` in the states named, `otherwise` in the rest. */
export function byState(when: Partial<ByState>, otherwise: Outcome): ByState {
	return Object.fromEntries(ITEM_STATES.map((s) => [s, when[s] ?? otherwise])) as ByState;
}

export const LIVE: readonly ItemState[] = ['presenting', 'questions', 'scoring'];
export const ON_STAGE: readonly ItemState[] = ['presenting', 'questions'];
export const inStates = (states: readonly ItemState[], o: Outcome): Partial<ByState> =>
	Object.fromEntries(states.map((s) => [s, o]));

/** Account kinds (the hook's areas) and council seats, as role lists. */
export const LOGGED_IN = ROLES.filter((r) => r !== 'anonymous');
export const ADMIN: Role[] = ['admin'];
export const OFFICE: Role[] = ['admin', 'office', 'secretary'];
export const MEMBER_ACCOUNTS: Role[] = ['chair', 'member', 'recused', 'otherCouncil'];
export const PRODUCERS: Role[] = ['producer', 'otherProducer'];
export const COUNCIL_A: Role[] = ['secretary', 'chair', 'member', 'recused'];

/** Every role gets `o`. */
export function all(o: Outcome): Expectation {
	return Object.fromEntries(ROLES.map((r) => [r, o])) as Expectation;
}

/**
 * The shape of most surfaces: the roles named get `ok` (or what is given), other signed-in
 * people `denied`, and the anonymous visitor `anon`.
 */
export function only(
	allowed: Role[],
	opts: { ok?: Outcome | ByState; denied?: Outcome; anon?: Outcome } = {}
): Expectation {
	return Object.fromEntries(
		ROLES.map((r) => [
			r,
			allowed.includes(r)
				? (opts.ok ?? 'ok')
				: r === 'anonymous'
					? (opts.anon ?? 'login')
					: (opts.denied ?? 'forbidden')
		])
	) as Expectation;
}

/** The outcome of one role in one item state. */
export function outcomeOf(e: Outcome | ByState, state: ItemState): Outcome {
	return typeof e === 'string' ? e : e[state];
}

export function dependsOnState(e: Expectation): boolean {
	return Object.values(e).some((o) => typeof o !== 'string');
}

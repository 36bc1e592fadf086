import type { Database } from 'better-sqlite3';
import { readsAllCards, type CouncilRole, type ItemState } from '../../domain/meeting';
import type { DocRef } from '../../protocol/yjs-docs';
import { Refusal } from '../refusal';
import { withinWindow } from '../written/window';

/** What a session may do with one Yjs document right now. */
export type DocAccess = 'write' | 'read' | 'none' | 'missing';

/**
 * Why a document cannot be opened, for refusal.ts's Yjs adapter: a missing one closes 4404,
 * one this session may not read 4403.
 */
export function openRefusal(access: DocAccess): Refusal | null {
	if (access === 'missing') return new Refusal('not-found', 'scoring.errors.notFound');
	if (access === 'none') return new Refusal('forbidden', 'scoring.errors.forbidden');
	return null;
}

/** The facts the decision needs, read in one query (see `docFactsReader`). */
export interface DocFacts {
	state: ItemState;
	role: CouncilRole | null;
	voting: boolean;
	recused: boolean;
	/** The card's owner: a voting member of the council and not recused (cards only). */
	ownerEligible: boolean;
	/**
	 * The sitting is held by written opinion and today is outside its window: its cards are
	 * read-only, so a draft cannot be made before the round opens or after it closes.
	 */
	outsideWindow?: boolean;
}

const NOTES_WRITABLE: readonly ItemState[] = ['presenting', 'questions', 'scoring'];

/**
 * The rules of issue 6: the card's owner writes only while the item is in scoring; the chair and
 * the secretary read every card of their sitting's items; other members never see another's
 * card; a recused member reads neither the cards nor the notes; nobody outside the council
 * connects. Notes are written by voting members, the chair and the secretary while the item is
 * live, and read by the council afterwards.
 */
export function decideDocAccess(facts: DocFacts | null, ref: DocRef, userId: string): DocAccess {
	if (!facts) return 'missing';
	if (!facts.role || facts.recused) return 'none';
	if (ref.kind === 'card') {
		const own = ref.userId === userId;
		if (!own && !readsAllCards(facts.role)) return 'none';
		if (!facts.ownerEligible) return 'missing';
		if (own)
			return facts.state === 'scoring' && facts.voting && !facts.outsideWindow ? 'write' : 'read';
		return 'read';
	}
	const writer = facts.voting || readsAllCards(facts.role);
	return writer && NOTES_WRITABLE.includes(facts.state) ? 'write' : 'read';
}

/** The board view reads every card: the chair and the secretary, unless recused. */
export function decideBoardAccess(facts: DocFacts | null): DocAccess {
	if (!facts) return 'missing';
	return facts.role && !facts.recused && readsAllCards(facts.role) ? 'read' : 'none';
}

/** The cards a board shows: voting members of the item's council who are not recused from it. */
export function boardOwnersReader(sqlite: Database) {
	const stmt = sqlite.prepare(`
		select m.user_id as userId
		from agenda_items i
		join sittings s on s.id = i.sitting_id
		join council_members m on m.council_id = s.council_id and m.voting = 1
		where i.id = ?
			and not exists(select 1 from conflicts c where c.item_id = i.id and c.user_id = m.user_id)
		order by m.user_id`);
	return (itemId: string): string[] =>
		(stmt.all(itemId) as { userId: string }[]).map((r) => r.userId);
}

interface FactsRow {
	state: ItemState;
	role: CouncilRole | null;
	voting: number | null;
	recused: number;
	ownerVoting: number | null;
	ownerRecused: number;
	opensOn: string | null;
	closesOn: string | null;
}

/**
 * A prepared statement, because the Yjs endpoint re-checks access on every message: one indexed
 * query instead of four ORM round trips. `now` is the app's clock, for a written round's window.
 */
export function docFactsReader(sqlite: Database, now: () => number) {
	// An item of a draft agenda is nobody's yet (as its sitting is not): no facts, no document.
	const stmt = sqlite.prepare(`
		select i.state as state,
			m.role as role, m.voting as voting,
			exists(select 1 from conflicts c where c.item_id = i.id and c.user_id = @user) as recused,
			o.voting as ownerVoting,
			exists(select 1 from conflicts c where c.item_id = i.id and c.user_id = @owner) as ownerRecused,
			w.opens_on as opensOn, w.closes_on as closesOn
		from agenda_items i
		join sittings s on s.id = i.sitting_id
		left join written_rounds w on w.sitting_id = s.id
		left join council_members m on m.council_id = s.council_id and m.user_id = @user
		left join council_members o on o.council_id = s.council_id and o.user_id = @owner
		where i.id = @item and s.state <> 'draft'`);
	return (ref: DocRef, userId: string): DocFacts | null => {
		const owner = ref.kind === 'card' ? ref.userId : '';
		const row = stmt.get({ item: ref.itemId, user: userId, owner }) as FactsRow | undefined;
		if (!row) return null;
		return {
			state: row.state,
			role: row.role,
			voting: row.voting === 1,
			recused: row.recused === 1,
			ownerEligible: row.ownerVoting === 1 && row.ownerRecused === 0,
			outsideWindow:
				row.opensOn !== null &&
				row.closesOn !== null &&
				!withinWindow({ opensOn: row.opensOn, closesOn: row.closesOn }, now())
		};
	};
}

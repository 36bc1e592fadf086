// Who the numbered documents name: the council as it sat when each item was locked (the seats
// kept with the locked row, results/lock.ts), never today's council list. A member removed or
// renamed after the minutes were numbered must not vanish from them or change in them.

import { inArray } from 'drizzle-orm';
import type { CouncilRole } from '../../domain/meeting';
import type { LockedRecord } from '../../domain/result-record';
import type { Q } from '../db/client';
import { lockedResults } from '../db/schema';
import { councilSeats } from '../membership';
import { userNames } from '../results/repository';

export interface Person {
	id: string;
	name: string;
	title: string | null;
	/** Null only for someone of a record locked before seats were kept, no longer seated. */
	role: CouncilRole | null;
	voting: boolean;
}

const ROLE_ORDER: (CouncilRole | null)[] = ['chair', 'vice-chair', 'member', null, 'secretary'];
const byRole = (a: Person, b: Person) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role);

/** The printed name of someone with no user row: never their id. */
export const UNKNOWN_NAME = '(không rõ họ tên)';

/**
 * The council of these records, chair first and secretary last: the seats kept at locking time;
 * for a record locked before seats were kept, everyone it names (cards, attendance, who closed
 * it), with their seat where they still sit and otherwise their account's name and no role.
 * A sitting with no locked record has recorded nobody: its council is the current one.
 */
export function peopleOf(db: Q, councilId: string, records: LockedRecord[]): Person[] {
	const current = (): Person[] =>
		councilSeats(db, councilId).map(({ userId, name, title, role, voting }) => ({
			id: userId,
			name,
			title,
			role,
			voting
		}));
	if (records.length === 0) return current().sort(byRole);
	const stored = new Map(
		db
			.select({ seq: lockedResults.seq, seats: lockedResults.seats })
			.from(lockedResults)
			.where(
				inArray(
					lockedResults.seq,
					records.map((r) => r.seq)
				)
			)
			.all()
			.map((r) => [r.seq, r.seats])
	);
	const people = new Map<string, Person>();
	const unrecorded = new Set<string>();
	for (const r of records) {
		const seats = stored.get(r.seq);
		if (seats) for (const s of seats) people.set(s.id, s);
		else
			for (const id of [
				...r.cards.map((c) => c.member),
				...r.earlierRounds.map((c) => c.member),
				...r.attendance.presentIds,
				r.closedBy
			])
				unrecorded.add(id);
	}
	const missing = [...unrecorded].filter((id) => !people.has(id));
	if (missing.length) {
		const seated = new Map(current().map((p) => [p.id, p]));
		const names = userNames(db, missing);
		const voted = new Set(records.flatMap((r) => r.cards.map((c) => c.member)));
		for (const id of missing)
			people.set(
				id,
				seated.get(id) ?? {
					id,
					name: names.get(id) ?? UNKNOWN_NAME,
					title: null,
					role: null,
					voting: voted.has(id)
				}
			);
	}
	return [...people.values()].sort(byRole);
}

/** Names of these people, and of anyone else the document names, from their accounts. */
export function namesOf(db: Q, people: Person[], others: string[]): Map<string, string> {
	const names = new Map(people.map((p) => [p.id, p.name]));
	const rest = [...new Set(others)].filter((id) => !names.has(id));
	for (const [id, name] of userNames(db, rest)) names.set(id, name);
	return names;
}

export function signersOf(people: Person[]) {
	return {
		chair: people.find((p) => p.role === 'chair')?.name ?? '',
		secretary: people.find((p) => p.role === 'secretary')?.name ?? ''
	};
}

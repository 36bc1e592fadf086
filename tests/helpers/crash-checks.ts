// What must hold in the database after any kill, read straight from the SQLite file while the
// server is down: acknowledged submits and closes kept exactly, a close all there or not at all
// (locked row, item, dossier, audit entry, and the receipts the submits' answers promised),
// the chain of locked results intact (checked by the same code as `ocop chain`), and every draft
// update the server reported saved.
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import * as Y from 'yjs';
import type { ItemState } from '../../src/lib/domain/meeting';
import { describeProblem, verifyDatabaseChain } from '../../src/lib/server/chain';
import { existingPublicKey } from '../../src/lib/server/signing';
import { openDatabase, type Db } from '../../src/lib/server/db/client';
import {
	agendaItems,
	auditLog,
	dossiers,
	lockedResults,
	scorecards
} from '../../src/lib/server/db/schema';
import { storedDoc } from '../integration/yjs-helpers';
import { covers } from './crash-actors';
import type { Ledger, SubmitSent } from './crash-ledger';
import type { CrashWorld } from './crash-world';

export interface CheckFigures {
	states: Record<string, ItemState>;
	/** Acknowledged submits found as acknowledged (the latest per member and item). */
	submits: number;
	/** Acknowledged closes found locked as acknowledged. */
	closes: number;
	locked: number;
	/** Card documents whose last "saved" state is on disk. */
	drafts: number;
}

type Card = typeof scorecards.$inferSelect;

export function checkDatabase(
	dbFile: string,
	w: CrashWorld,
	ledger: Ledger,
	label: string
): CheckFigures {
	const db = openDatabase(dbFile, { migrate: false });
	try {
		expect(ledger.problems, label).toEqual([]);
		const chain = verifyDatabaseChain(db, { publicKey: existingPublicKey(dbFile) });
		// A kill between a lock's commit and its signed head leaves that one record unsigned.
		const tip = chain.records;
		const problems = chain.problems.filter((p) => !(p.problem === 'unsigned' && p.seq === tip));
		expect(problems.map(describeProblem), `${label}: chain`).toEqual([]);
		const cards = db.select().from(scorecards).all();
		const closes = checkCloses(db, w, ledger, cards, label);
		const submits = checkSubmits(ledger, cards, label);
		const states = Object.fromEntries(
			db
				.select()
				.from(agendaItems)
				.all()
				.map((i) => [i.id, i.state])
		);
		for (const m of ledger.moves.filter((m) => m.outcome === 'acked'))
			expect(states[m.itemId], `${label}: acknowledged move of ${m.itemId}`).not.toBe('pending');
		let drafts = 0;
		for (const [name, saved] of ledger.saved) {
			const stored = Y.decodeStateVector(Y.encodeStateVector(storedDoc(db, name)));
			expect(covers(stored, saved), `${label}: saved updates of ${name} lost`).toBe(true);
			drafts++;
		}
		return { states, submits, closes, locked: chain.records, drafts };
	} finally {
		db.$client.close();
	}
}

/** One close writes four things (see closeItem): all of them, or none. */
function checkCloses(db: Db, w: CrashWorld, ledger: Ledger, cards: Card[], label: string) {
	const items = new Map(
		db
			.select()
			.from(agendaItems)
			.all()
			.map((i) => [i.id, i])
	);
	const locked = new Map(
		db
			.select()
			.from(lockedResults)
			.all()
			.map((r) => [r.itemId, r])
	);
	const dossierRows = new Map(
		db
			.select()
			.from(dossiers)
			.all()
			.map((d) => [d.id, d])
	);
	const audits = db.select().from(auditLog).where(eq(auditLog.action, 'item.close')).all();
	for (const id of w.items) {
		const item = items.get(id)!;
		const row = locked.get(id);
		const dossier = dossierRows.get(item.dossierId)!;
		const logged = audits.filter((a) => a.subject === id);
		const closed = item.state === 'closed';
		expect(
			{ id, locked: !!row, dossier: dossier.state, audits: logged.length, at: !!item.closedAt },
			`${label}: half a close`
		).toEqual({
			id,
			locked: closed,
			dossier: closed ? 'evaluated' : 'scheduled',
			audits: closed ? 1 : 0,
			at: closed
		});
		if (!row) continue;
		const detail = logged[0].detail as { seq: number; hash: string };
		expect(
			{
				item: item.closedAt,
				dossier: dossier.updatedAt,
				audit: logged[0].at,
				seq: detail.seq,
				hash: detail.hash
			},
			`${label}: close of ${id}`
		).toEqual({
			item: row.closedAt,
			dossier: row.closedAt,
			audit: row.closedAt,
			seq: row.seq,
			hash: row.hash
		});
		// The locked cards are the stored submissions of the round, nothing else.
		const view = (c: { member: string; round: number; choices: object; submittedAt: number }) =>
			[c.member, c.round, c.submittedAt, c.choices] as const;
		const inRecord = row.record.cards.filter((c) => !c.recused).map(view);
		const stored = cards
			.filter((c) => c.itemId === id && c.round === item.scoringRound)
			.map((c) => view({ ...c, member: c.userId }));
		const byMember = (a: readonly unknown[], b: readonly unknown[]) =>
			String(a[0]).localeCompare(String(b[0]));
		expect(inRecord.sort(byMember), `${label}: cards of ${id}`).toEqual(stored.sort(byMember));
		// The receipt a submit's answer promised is the one the locked record holds.
		for (const card of row.record.cards.filter((c) => !c.recused)) {
			const answered = ledger.submits.find(
				(s) =>
					s.outcome === 'acked' &&
					s.by === card.member &&
					s.itemId === id &&
					s.data?.submittedAt === card.submittedAt &&
					sameChoices(s.choices, card.choices)
			);
			if (answered) expect(card.receipt, `${label}: receipt on ${id}`).toBe(answered.data?.receipt);
		}
	}
	let acked = 0;
	for (const c of ledger.closes) {
		const row = locked.get(c.itemId);
		if (c.outcome === 'acked') {
			const { seq, hash, closedAt, stars } = c.data!;
			const found = row && {
				seq: row.seq,
				hash: row.hash,
				closedAt: row.closedAt,
				stars: row.stars
			};
			expect(found, `${label}: acknowledged close of ${c.itemId}`).toEqual({
				seq,
				hash,
				closedAt,
				stars
			});
			acked++;
		}
		if (c.outcome === 'lost' && c.committed === undefined) {
			const ackedLater = ledger.closes.some((o) => o.itemId === c.itemId && o.outcome === 'acked');
			c.committed = !!row && !ackedLater;
		}
	}
	for (const itemId of locked.keys())
		expect(
			ledger.closes.some((c) => c.itemId === itemId && c.outcome !== 'refused'),
			`${label}: ${itemId} locked without a close`
		).toBe(true);
	return acked;
}

/**
 * Per member and item the stored card is the last acknowledged submit, or a later one whose answer
 * was lost with the server. A refused submit never shows; an acknowledged one never goes missing.
 */
function checkSubmits(ledger: Ledger, cards: Card[], label: string): number {
	const groups = new Map<string, SubmitSent[]>();
	for (const s of ledger.submits) {
		const key = `${s.by} ${s.itemId}`;
		groups.set(key, [...(groups.get(key) ?? []), s]);
	}
	for (const c of cards)
		expect(groups.has(`${c.userId} ${c.itemId}`), `${label}: card nobody sent`).toBe(true);
	let verified = 0;
	for (const [key, sent] of groups) {
		const [by, itemId] = key.split(' ');
		const stored = cards.find((c) => c.userId === by && c.itemId === itemId);
		const last = sent.findLastIndex((s) => s.outcome === 'acked');
		const candidates = sent
			.slice(Math.max(last, 0))
			.filter((s) => s.outcome === 'acked' || s.outcome === 'lost');
		const match = stored
			? candidates.find(
					(s) =>
						sameChoices(s.choices, stored.choices) &&
						(s.outcome === 'lost' ||
							(s.data?.submittedAt === stored.submittedAt && s.data?.round === stored.round))
				)
			: undefined;
		if (stored) expect(match, `${label}: ${key}: stored card was never acknowledged`).toBeDefined();
		else expect(last, `${label}: ${key}: acknowledged card missing`).toBe(-1);
		for (const s of candidates) if (s.outcome === 'lost') s.committed ??= s === match;
		if (last !== -1) verified++;
	}
	return verified;
}

function sameChoices(a: Record<string, number>, b: Record<string, number>): boolean {
	const keys = Object.keys(a);
	return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

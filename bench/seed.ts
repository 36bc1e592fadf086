// Generates a benchmark database: S councils, each with one sitting whose first agenda item is
// open for scoring, N scoring members plus a chair and a secretary, every one with a live
// session created directly (password hashing is not what is measured).
import { openDatabase } from '../src/lib/server/db/client';
import { createSession } from '../src/lib/server/auth/session';
import {
	agendaItems,
	councilMembers,
	councils,
	dossiers,
	organizations,
	products,
	rounds,
	sittings,
	users
} from '../src/lib/server/db/schema';
import { SESSION_COOKIE } from '../src/lib/server/auth/session';
import { resultPublications } from '../src/lib/server/db/schema';
import { getRubric } from '../src/lib/domain/rubrics';
import * as Y from 'yjs';
import { CARD_CHOICES, cardDocName } from '../src/lib/protocol/yjs-docs';
import {
	appendLockedRecord,
	buildLockedBody,
	chainTip,
	choicesAtRank
} from '../src/lib/server/results/record-builder';

export interface BenchSitting {
	sittingId: string;
	itemId: string;
	chairCookie: string;
	secretaryCookie: string;
	members: { userId: string; cookie: string }[];
}

const policy = { idleMs: 24 * 3_600_000, absoluteMs: 24 * 3_600_000 };

export function seedBench(file: string, s: number, n: number, prefix = 'b'): BenchSitting[] {
	const db = openDatabase(file);
	const now = Date.now();
	const out: BenchSitting[] = [];
	const user = (id: string, role: 'member' | 'office') => {
		db.insert(users)
			.values({ id, email: `${id}@bench.ocop`, name: id, role, createdAt: now })
			.run();
		return `${SESSION_COOKIE}=${createSession(db, id, policy, now).token}`;
	};
	db.transaction(() => {
		for (let i = 0; i < s; i++) {
			const c = `${prefix}c${i}`;
			db.insert(councils)
				.values({
					id: c,
					level: 'province',
					name: `Council ${i}`,
					authority: 'UBND',
					place: 'Đà Nẵng',
					createdAt: now
				})
				.run();
			db.insert(rounds)
				.values({
					id: `${c}r`,
					councilId: c,
					year: 2026,
					number: 2,
					name: 'Đợt 2',
					cutoffDate: '2026-12-20',
					createdAt: now
				})
				.run();
			db.insert(sittings)
				.values({
					id: `${c}s`,
					councilId: c,
					roundId: `${c}r`,
					title: 'Phiên họp',
					startsAt: now,
					state: 'open',
					createdAt: now
				})
				.run();
			db.insert(organizations)
				.values({ id: `${c}o`, name: 'HTX', kind: 'cooperative', createdAt: now })
				.run();
			db.insert(products)
				.values({
					id: `${c}p`,
					organizationId: `${c}o`,
					name: 'Sản phẩm',
					rubricVersion: 'qd26-2026',
					productSetNo: 7,
					createdAt: now
				})
				.run();
			db.insert(dossiers)
				.values({
					id: `${c}d`,
					productId: `${c}p`,
					registrationKind: 'first',
					state: 'scheduled',
					createdAt: now,
					updatedAt: now
				})
				.run();
			db.insert(agendaItems)
				.values({
					id: `${c}i`,
					sittingId: `${c}s`,
					position: 1,
					dossierId: `${c}d`,
					state: 'scoring',
					stateChangedAt: now
				})
				.run();
			const chairCookie = user(`${c}chair`, 'member');
			const secretaryCookie = user(`${c}sec`, 'office');
			db.insert(councilMembers)
				.values({ councilId: c, userId: `${c}chair`, role: 'chair', voting: true })
				.run();
			db.insert(councilMembers)
				.values({ councilId: c, userId: `${c}sec`, role: 'secretary', voting: false })
				.run();
			const members = [];
			for (let j = 0; j < n; j++) {
				const id = `${c}m${j}`;
				const cookie = user(id, 'member');
				db.insert(councilMembers)
					.values({ councilId: c, userId: id, role: 'member', voting: true })
					.run();
				members.push({ userId: id, cookie });
			}
			out.push({ sittingId: `${c}s`, itemId: `${c}i`, chairCookie, secretaryCookie, members });
		}
	});
	db.$client.close();
	return out;
}

/**
 * One locked, published result per bench sitting (a second agenda item, closed), so the public
 * pages list real rows and every report, score sheet and minutes is a distinct document: the PDF
 * phase cycles through more of them than the server's PDF cache holds, so each request renders.
 * Returns the published seqs.
 */
export function seedResults(file: string, benchSittings: BenchSitting[], prefix = 'b'): number[] {
	const db = openDatabase(file);
	const rubric = getRubric('qd26-2026', 7);
	const closedAt = Date.now() - 86_400_000;
	const seqs: number[] = [];
	db.transaction((tx) => {
		benchSittings.forEach((s, i) => {
			const c = `${prefix}c${i}`;
			tx.insert(products)
				.values({
					id: `${c}p2`,
					organizationId: `${c}o`,
					name: `Sản phẩm đã đánh giá ${i + 1}`,
					rubricVersion: 'qd26-2026',
					productSetNo: 7,
					createdAt: closedAt
				})
				.run();
			tx.insert(dossiers)
				.values({
					id: `${c}d2`,
					productId: `${c}p2`,
					registrationKind: 'first',
					state: 'evaluated',
					createdAt: closedAt,
					updatedAt: closedAt
				})
				.run();
			tx.insert(agendaItems)
				.values({
					id: `${c}i2`,
					sittingId: s.sittingId,
					position: 2,
					dossierId: `${c}d2`,
					state: 'closed',
					stateChangedAt: closedAt,
					closedAt
				})
				.run();
			const body = buildLockedBody({
				seq: chainTip(tx).seq,
				itemId: `${c}i2`,
				sittingId: s.sittingId,
				councilId: c,
				dossierId: `${c}d2`,
				productName: `Sản phẩm đã đánh giá ${i + 1}`,
				productSetNo: 7,
				members: s.members.map((m, j) => ({
					id: m.userId,
					// Varied cards inside the 10-point spread, as in the demo data.
					choices: choicesAtRank(rubric, j % 2 ? 1.5 : 1, 0)
				})),
				closedBy: `${c}chair`,
				closedAt
			});
			const record = appendLockedRecord(tx, body);
			tx.insert(resultPublications)
				.values({ seq: record.seq, publishedAt: closedAt + 3_600_000, publishedBy: `${c}sec` })
				.run();
			seqs.push(record.seq);
		});
	});
	db.$client.close();
	return seqs;
}

/**
 * Fills the voting members' cards (their Yjs documents, as their browsers would have) so that a
 * probe's submit records a complete card: submit reads the card from the server's copy of the
 * document, never from the command's payload.
 */
export function seedCards(
	file: string,
	benchSittings: BenchSitting[],
	choices: Record<string, number>,
	prefix = 'b'
): void {
	const db = openDatabase(file);
	const insert = db.$client.prepare('insert into yjs_updates (doc, "update", at) values (?, ?, ?)');
	const now = Date.now();
	db.$client.transaction(() => {
		benchSittings.forEach((s, i) => {
			const voters = [`${prefix}c${i}chair`, ...s.members.map((m) => m.userId)];
			for (const userId of voters) {
				const doc = new Y.Doc();
				const map = doc.getMap(CARD_CHOICES);
				for (const [code, option] of Object.entries(choices)) map.set(code, option);
				insert.run(cardDocName(s.itemId, userId), Buffer.from(Y.encodeStateAsUpdate(doc)), now);
				doc.destroy();
			}
		});
	})();
	db.$client.close();
}

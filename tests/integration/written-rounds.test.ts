// Re-evaluations decided by written opinion, on a real SQLite file with the injected clock: the
// window's first and last minute (Việt Nam time), who may submit, the close when every member
// has answered, the settlement at the window's end, and divergent or missing opinions sent to a
// sitting instead.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRubric } from '../../src/lib/domain/rubrics';
import { registerRenewal } from '../../src/lib/server/certificates/register-renewal';
import {
	agendaItems,
	dossiers,
	lockedResults,
	scorecards,
	writtenOutcomes
} from '../../src/lib/server/db/schema';
import { dossierView } from '../../src/lib/server/dossiers/view';
import { choicesAtRank } from '../../src/lib/server/results/record-builder';
import { submitCard } from '../../src/lib/server/scoring/cards';
import { closeItem } from '../../src/lib/server/scoring/close';
import { isRefusal } from '../../src/lib/server/refusal';
import { rescoreItem } from '../../src/lib/server/scoring/rescore';
import { openWrittenRound, writtenCandidates } from '../../src/lib/server/written/round';
import { settleDueWrittenRounds } from '../../src/lib/server/written/settle';
import { seedCertified, vnMorning, type CertifiedWorld } from '../helpers/certified-world';
import { makeTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
let cw: CertifiedWorld;
let renewals: string[];
let sittingId: string;
let items: string[];
const rubric = getRubric('qd26-2026', 7);
const good = choicesAtRank(rubric, 1, 0);
const best = choicesAtRank(rubric, 0);
const poor = choicesAtRank(rubric, 4, 4);

beforeAll(() => {
	ctx = makeTestContext();
	cw = seedCertified(ctx.db, ctx.now(), ['a', 'b', 'c', 'd'], '2023-12-01', 'wr');
	ctx.advance(vnMorning('2026-07-01') - ctx.now());
	renewals = cw.certs.map((c) =>
		registerRenewal(ctx.db, c.producer, { seq: c.seq, sampleCount: 1 }, ctx.now())
	);
	// The commune and the office have done their part (tested elsewhere).
	for (const id of renewals)
		ctx.db.update(dossiers).set({ state: 'ready' }).where(eq(dossiers.id, id)).run();
});
afterAll(() => ctx.cleanup());

const at = (ms: number) => ctx.advance(ms - ctx.now());
const members = () => cw.world.memberIds; // [0] is the chair; the office is a non-voting secretary
const submit = (item: number, userId: string, choices = good) =>
	submitCard(ctx.db, { itemId: items[item], userId, choices }, ctx.now());
const scoringKey = (run: () => unknown) => {
	try {
		run();
	} catch (e) {
		// Scoring refusals are asserted by their short name, the others by their full key.
		if (isRefusal(e)) return e.key.replace(/^scoring\.errors\./, '');
		throw e;
	}
	return null;
};
const open = (more: Partial<Parameters<typeof openWrittenRound>[3]> = {}) =>
	openWrittenRound(
		ctx.db,
		cw.office,
		cw.world.councilId,
		{
			roundId: cw.world.roundId,
			title: 'Lấy ý kiến đánh giá lại đợt 2',
			opensOn: '2026-07-10',
			closesOn: '2026-07-20',
			dossierIds: renewals,
			...more
		},
		ctx.now()
	);
const cardsOf = (item: number) =>
	ctx.db.select().from(scorecards).where(eq(scorecards.itemId, items[item])).all();
const itemState = (item: number) =>
	ctx.db.select().from(agendaItems).where(eq(agendaItems.id, items[item])).get()!.state;
const outcome = (item: number) =>
	ctx.db.select().from(writtenOutcomes).where(eq(writtenOutcomes.itemId, items[item])).get();

describe('opening a written round', () => {
	it('takes only ready re-evaluation dossiers, within a sensible window', () => {
		expect(scoringKey(() => open({ dossierIds: ['dossier-wr-wr-a'] }))).toBe(
			'certificates.errors.writtenNotReevaluation'
		);
		expect(scoringKey(() => open({ dossierIds: [] }))).toBe('certificates.errors.writtenEmpty');
		expect(scoringKey(() => open({ opensOn: '2026-07-21' }))).toBe(
			'certificates.errors.writtenDates'
		);
		expect(scoringKey(() => open({ opensOn: '2026-06-01', closesOn: '2026-06-30' }))).toBe(
			'certificates.errors.writtenDates'
		);
		expect(scoringKey(() => open({ closesOn: '2026-09-01' }))).toBe(
			'certificates.errors.writtenTooLong'
		);
		expect(
			writtenCandidates(ctx.db)
				.map((c) => c.id)
				.sort()
		).toEqual([...renewals].sort());
		sittingId = open();
		items = renewals.map(
			(d) =>
				ctx.db
					.select()
					.from(agendaItems)
					.where(and(eq(agendaItems.sittingId, sittingId), eq(agendaItems.dossierId, d)))
					.get()!.id
		);
		expect(items.map((_, i) => itemState(i))).toEqual(['scoring', 'scoring', 'scoring', 'scoring']);
		// The office now reads the re-evaluation dossier, with the certificate it renews.
		expect(dossierView(ctx.db, cw.office, renewals[0]).renews?.certificateNo).toBe('wr-GCN-1');
	});
});

describe('cards in writing', () => {
	it('are refused before the window opens, and taken from its first minute', () => {
		at(Date.parse('2026-07-09T16:59:59Z')); // 23:59:59 on 09/07 in Việt Nam
		expect(scoringKey(() => submit(0, members()[1]))).toBe('outsideWrittenWindow');
		expect(cardsOf(0)).toEqual([]);
		at(Date.parse('2026-07-09T17:00:00Z')); // 00:00 on 10/07
		expect(scoringKey(() => submit(0, members()[1]))).toBeNull();
	});

	it("come only from the round's voting members", () => {
		expect(scoringKey(() => submit(0, cw.office.id))).toBe('notVoting');
		expect(scoringKey(() => submit(0, cw.certs[0].producer.id))).toBe('forbidden');
		expect(scoringKey(() => submit(0, 'nobody'))).toBe('forbidden');
		expect(cardsOf(0).map((c) => c.userId)).toEqual([members()[1]]);
	});

	it('cannot be closed or re-scored by the chair: the round decides', () => {
		const attendance = { presentIds: members() };
		expect(
			scoringKey(() =>
				closeItem(ctx.db, { itemId: items[0], userId: members()[0], attendance }, ctx.now())
			)
		).toBe('writtenRound');
		expect(
			scoringKey(() =>
				rescoreItem(ctx.db, { itemId: items[0], userId: members()[0], attendance }, ctx.now())
			)
		).toBe('writtenRound');
		expect(itemState(0)).toBe('scoring');
	});

	it('lock the item as a sitting would once every member has answered', () => {
		for (const m of members().slice(0, 3)) submit(0, m);
		expect(itemState(0)).toBe('scoring');
		submit(0, members()[3]);
		expect(itemState(0)).toBe('closed');
		const row = ctx.db
			.select()
			.from(lockedResults)
			.where(eq(lockedResults.itemId, items[0]))
			.get()!;
		expect(row.record.closedBy).toBe(`written-opinion:${sittingId}`);
		expect(row.record.attendance.present).toBe(4);
		expect(row.record.result.blocked).toBeNull();
		expect(outcome(0)).toMatchObject({ outcome: 'locked' });
		expect(ctx.db.select().from(dossiers).where(eq(dossiers.id, renewals[0])).get()!.state).toBe(
			'evaluated'
		);
		expect(scoringKey(() => submit(0, members()[1]))).toBe('closed');
	});

	it('send the item to a sitting when the opinions diverge beyond the spread limit', () => {
		submit(1, members()[0], best);
		submit(1, members()[1], best);
		submit(1, members()[2], poor);
		submit(1, members()[3], poor);
		expect(outcome(1)).toMatchObject({ outcome: 'to-sitting', reason: 'spread' });
		expect(itemState(1)).toBe('deferred');
		expect(
			ctx.db.select().from(lockedResults).where(eq(lockedResults.itemId, items[1])).get()
		).toBeUndefined();
		// Back among the ready dossiers for a sitting, never for another written round.
		expect(ctx.db.select().from(dossiers).where(eq(dossiers.id, renewals[1])).get()!.state).toBe(
			'ready'
		);
		expect(writtenCandidates(ctx.db).map((c) => c.id)).not.toContain(renewals[1]);
	});
});

describe('the end of the window', () => {
	it('takes a card on the last day up to midnight, and refuses it after', () => {
		at(Date.parse('2026-07-20T16:59:59Z')); // 23:59:59 on 20/07
		for (const m of members().slice(0, 3)) expect(scoringKey(() => submit(2, m))).toBeNull();
		submit(3, members()[0]);
		submit(3, members()[1]);
		// Not yet settled: the window is still open until the day ends.
		expect(settleDueWrittenRounds(ctx.db, ctx.now())).toBe(0);
		at(Date.parse('2026-07-20T17:00:00Z')); // 00:00 on 21/07
		expect(scoringKey(() => submit(2, members()[3]))).toBe('outsideWrittenWindow');
		expect(cardsOf(2)).toHaveLength(3);
	});

	it('settles what is left: enough cards lock, too few go to a sitting', () => {
		expect(settleDueWrittenRounds(ctx.db, ctx.now())).toBe(2);
		// Three of four answered, the chair among them: quorate (3/4), locked.
		expect(outcome(2)).toMatchObject({ outcome: 'locked' });
		const row = ctx.db
			.select()
			.from(lockedResults)
			.where(eq(lockedResults.itemId, items[2]))
			.get()!;
		expect(row.record.attendance).toMatchObject({ present: 3, chairPresent: true });
		// Two of four: not quorate; the council meets on it.
		expect(outcome(3)).toMatchObject({ outcome: 'to-sitting', reason: 'quorum' });
		expect(settleDueWrittenRounds(ctx.db, ctx.now())).toBe(0);
	});
});

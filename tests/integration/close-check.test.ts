// The chair's board says what a close will answer before the chair confirms it (board.close),
// computed by the close's own rules on the same cards and presence: over real sockets, each
// verdict on the board is then exactly what `item:close` answers (refusal key and details, or
// the locked figures). A QA sitting's close dialog promised "unsubmitted cards do not count" and
// offered an irreversible close that the server then refused for a present member's missing
// card, and the same for a spread over the limit.
//
// Council of the scoring fixture: chair, m1, m2, m3 and `recused` vote (5), quorum 1/2 (3).
import { afterEach, describe, expect, it } from 'vitest';
import { translator } from '../../src/lib/i18n';
import type { Board, CloseCheck, LockedSummary } from '../../src/lib/protocol/scoring-events';
import { openAppServer, type AppServerHandle } from '../helpers/app-server';
import { command, connectAs, nextEvent, type Client } from '../helpers/recusal-world';
import { card, seedScoringFixture, type Person, type ScoringFixture } from './scoring-fixture';
import { tickCard } from './yjs-helpers';

const t = translator('vi');
let app: AppServerHandle<ScoringFixture> | null = null;
const sockets: Client[] = [];
afterEach(async () => {
	for (const s of sockets.splice(0)) s.close();
	await app?.close();
	app = null;
});

async function setup(people: Person[]) {
	app = await openAppServer({
		seed: (ctx) => seedScoringFixture(ctx.db, ctx.sessionPolicy, ctx.now())
	});
	const f = app.seeded;
	const s = {} as Record<Person, Client>;
	let board: Board | null = null;
	// The chair last: their first board then sees everyone else already in the sitting.
	for (const who of [...people.filter((p) => p !== 'chair'), 'chair' as const]) {
		s[who] = await connectAs(app.url, f.cookies[who]);
		sockets.push(s[who]);
		const ack = await command<{ board: Board | null }>(s[who], 'scoring:watch', {
			itemId: f.itemId
		});
		if (!ack.ok) throw new Error(JSON.stringify(ack));
		if (who === 'chair') board = ack.data.board;
	}
	return { a: app, f, s, first: board! };
}

/** The chair's next board whose close verdict passes `test`. */
const boardWhere = (chair: Client, test: (c: CloseCheck) => boolean) =>
	nextEvent(chair, 'board:update', (b) => test(b.close));

async function submit(s: Record<Person, Client>, who: Person, choices: Record<string, number>) {
	const a = app!;
	const f = a.seeded;
	await tickCard(
		a.server,
		{ itemId: f.itemId, userId: f.ids[who], cookie: f.cookies[who] },
		choices
	);
	expect(await command(s[who], 'score:submit', { itemId: f.itemId })).toMatchObject({ ok: true });
}

const close = (chair: Client, itemId: string, reason?: string) =>
	command<LockedSummary>(chair, 'item:close', {
		itemId,
		override: reason ? { reason } : null
	});

/** The close answers what the board said it would. */
async function expectRefusedAsSaid(chair: Client, itemId: string, check: CloseCheck) {
	const ack = await close(chair, itemId);
	if (ack.ok || !check.refusal) throw new Error(`expected a refusal: ${JSON.stringify(ack)}`);
	expect(ack.error.message).toBe(t(check.refusal.key));
	expect(ack.error.details).toEqual(check.refusal.details);
}

describe('the close verdict on the chair’s board', () => {
	it('names the present member who must still submit, then closes without an absent one', async () => {
		const { f, s, first } = await setup(['chair', 'm1', 'm2', 'm3']);
		expect(first.close).toMatchObject({ blocked: 'incomplete', counted: 0, absent: [] });
		const allButM1 = boardWhere(s.chair, (c) => c.counted === 3);
		for (const who of ['chair', 'm2', 'm3'] as const) await submit(s, who, card());
		const waiting = (await allButM1).close;
		expect(waiting).toMatchObject({
			blocked: 'incomplete',
			overridable: false,
			counted: 3,
			absent: [],
			stars: null
		});
		expect(waiting.refusal?.details).toMatchObject({
			missing: [{ userId: f.ids.m1, name: 'Người m1', submitted: false }]
		});
		await expectRefusedAsSaid(s.chair, f.itemId, waiting);

		// m1 leaves without a card: the close would now lock the three cards, and says so.
		const ready = boardWhere(s.chair, (c) => c.blocked === null);
		s.m1.close();
		const check = (await ready).close;
		expect(check).toMatchObject({ refusal: null, counted: 3, absent: ['Người m1'] });
		expect(check.stars).toBeGreaterThan(0);
		const ack = await close(s.chair, f.itemId);
		if (!ack.ok) throw new Error(JSON.stringify(ack));
		expect({ stars: ack.data.stars, average: ack.data.average }).toEqual({
			stars: check.stars,
			average: check.average
		});
	});

	it('says a spread over the limit is refused unless a reason is recorded', async () => {
		const { f, s } = await setup(['chair', 'm1', 'm2', 'm3']);
		const spread = boardWhere(s.chair, (c) => c.blocked === 'spread');
		for (const who of ['chair', 'm1', 'm2'] as const) await submit(s, who, card());
		await submit(s, 'm3', card(14));
		const check = (await spread).close;
		expect(check).toMatchObject({ overridable: true, counted: 4, stars: null });
		expect(check.refusal?.key).toBe('scoring.errors.blockedSpread');
		await expectRefusedAsSaid(s.chair, f.itemId, check);
		const ack = await close(s.chair, f.itemId, 'Hội đồng đã thảo luận và thống nhất');
		expect(ack).toMatchObject({ ok: true });
	});

	it('says the product is not quorate when too few members are present', async () => {
		const { f, s, first } = await setup(['chair', 'm1']);
		expect(first.close).toMatchObject({
			blocked: 'quorum',
			refusal: { key: 'scoring.errors.blockedQuorum', details: { present: 2, required: 3 } }
		});
		await expectRefusedAsSaid(s.chair, f.itemId, first.close);
	});
});

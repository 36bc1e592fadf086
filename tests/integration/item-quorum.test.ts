// Rule 1 for one product, the same everywhere over real sockets: a member recused on the live
// item is "excluded from the room for that item", so they do not count toward its quorum in the
// sitting's header, when scoring opens, on the chair's board or at the close. (A QA sitting had
// the header say quorate and scoring open with a recused member counted, and then the close
// refused the result for want of the very member who was not allowed to score.)
//
// Council of the scoring fixture: chair, m1, m2, m3 and `recused` vote (5), quorum 1/2, so 3
// must be present; `recused` has a conflict on item i1.
import { afterEach, describe, expect, it } from 'vitest';
import { translator } from '../../src/lib/i18n';
import type { QuorumStatus } from '../../src/lib/protocol/meeting-events';
import type { Board } from '../../src/lib/protocol/scoring-events';
import { openAppServer, type AppServerHandle } from '../helpers/app-server';
import { command, connectAs, nextEvent, type Client } from '../helpers/recusal-world';
import { card, seedScoringFixture, type Person, type ScoringFixture } from './scoring-fixture';
import { tickCard } from './yjs-helpers';

let app: AppServerHandle<ScoringFixture> | null = null;
const sockets: Client[] = [];
afterEach(async () => {
	for (const s of sockets.splice(0)) s.close();
	await app?.close();
	app = null;
});

async function setup() {
	app = await openAppServer({
		seed: (ctx) => seedScoringFixture(ctx.db, ctx.sessionPolicy, ctx.now(), 'questions')
	});
	return { a: app, f: app.seeded };
}

async function joined(who: Person): Promise<{ socket: Client; quorum: QuorumStatus }> {
	const a = app!;
	const f = a.seeded;
	const socket = await connectAs(a.url, f.cookies[who]);
	sockets.push(socket);
	const ack = await command<{ quorum: QuorumStatus }>(socket, 'sitting:join', {
		sittingId: f.sittingId
	});
	if (!ack.ok) throw new Error(JSON.stringify(ack));
	return { socket, quorum: ack.data.quorum };
}

describe('the quorum of a product with a recused member', () => {
	it('is the same in the header, at opening, on the board and at the close', async () => {
		const { a, f } = await setup();
		const chair = await joined('chair');
		await joined('m1');
		// The recused member is in the sitting (their page stays open; they step out of the item).
		const recused = await joined('recused');

		// Three voting members are in the sitting, but one is recused on the live product.
		expect(recused.quorum).toMatchObject({
			itemId: f.itemId,
			members: 5,
			present: 2,
			required: 3,
			recused: 1,
			chairPresent: true,
			quorate: false
		});

		// Opening scoring is refused before anyone scores, with the figures of this product.
		const refused = await command(chair.socket, 'item:move', { itemId: f.itemId, to: 'scoring' });
		expect(refused).toMatchObject({
			ok: false,
			error: {
				code: 'not-quorate',
				message: translator('vi')('meeting.errors.notQuorate', { present: 2, required: 3 }),
				details: { present: 2, required: 3, recused: 1, missing: 1 }
			}
		});

		// A third member without a conflict arrives: the header says quorate, for this product.
		const quorate = nextEvent(chair.socket, 'sitting:attendance', (e) => e.quorum.quorate);
		const m2 = await joined('m2');
		expect((await quorate).quorum).toMatchObject({ present: 3, recused: 1, itemId: f.itemId });
		expect(m2.quorum).toMatchObject({ present: 3, required: 3, quorate: true });
		expect(
			await command(chair.socket, 'item:move', { itemId: f.itemId, to: 'scoring' })
		).toMatchObject({ ok: true });

		// The board counts the same three.
		const watch = await command<{ board: Board }>(chair.socket, 'scoring:watch', {
			itemId: f.itemId
		});
		if (!watch.ok) throw new Error(JSON.stringify(watch));
		expect(watch.data.board.quorum).toMatchObject({
			members: 5,
			present: 3,
			required: 3,
			recused: 1,
			met: true
		});

		// Every eligible member present scores, and the close locks the result.
		const scorers = { chair: chair.socket, m1: sockets[1], m2: m2.socket };
		for (const [who, s] of Object.entries(scorers) as [Person, Client][]) {
			await tickCard(
				a.server,
				{ itemId: f.itemId, userId: f.ids[who], cookie: f.cookies[who] },
				card()
			);
			expect(await command(s, 'score:submit', { itemId: f.itemId })).toMatchObject({ ok: true });
		}
		const closed = await command(chair.socket, 'item:close', { itemId: f.itemId, override: null });
		expect(closed).toMatchObject({ ok: true });
	});

	it('counts everyone in the room between items: nobody is recused then', async () => {
		const { a } = await setup();
		// The fixture's product goes back to pending: no product is live.
		a.db.$client.prepare(`update agenda_items set state = 'pending'`).run();
		await joined('chair');
		await joined('m1');
		const last = await joined('recused');
		expect(last.quorum).toMatchObject({
			itemId: null,
			present: 3,
			recused: 0,
			quorate: true
		});
	});
});

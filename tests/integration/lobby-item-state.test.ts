// A producer waiting in the sitting's lobby follows the agenda live: the chair's close of an item
// and a re-scoring round reach the lobby as every other move does, so the producer's page does
// not keep saying "the council is scoring" after the result is locked. The locked result itself
// (stars, average) stays inside the sitting until it is published.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemState } from '../../src/lib/domain/meeting';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { agendaItems, users } from '../../src/lib/server/db/schema';
import { useAppServer } from '../helpers/app-server';
import { within } from '../helpers/within';
import {
	command,
	connectAs,
	nextEvent,
	seedRecusalWorld,
	type Client,
	type RecusalWorld
} from '../helpers/recusal-world';
import { card } from './scoring-fixture';
import { tickCard } from './yjs-helpers';

const app = useAppServer({
	seed: (ctx) => {
		const world = seedRecusalWorld(ctx.db, ctx.now());
		// The products' organisation has a producer account.
		ctx.db
			.insert(users)
			.values({
				id: 'u-producer',
				email: 'producer@t.vn',
				name: 'Chủ thể',
				role: 'producer',
				organizationId: 'o1',
				createdAt: ctx.now()
			})
			.run();
		// Named as presenter of both products: waiting in the lobby except on their own step.
		ctx.db
			.update(agendaItems)
			.set({ presenters: ['u-producer'] })
			.run();
		const { token } = createSession(ctx.db, 'u-producer', ctx.sessionPolicy, ctx.now());
		return { world, producerCookie: `${SESSION_COOKIE}=${token}` };
	}
});
let w: RecusalWorld;
const sockets: Client[] = [];
const people: Record<string, Client> = {};
let producer: Client;

async function inSitting(cookie: string): Promise<Client> {
	const socket = await connectAs(app.url, cookie);
	sockets.push(socket);
	expect(await command(socket, 'sitting:join', { sittingId: w.sittingId })).toMatchObject({
		ok: true
	});
	return socket;
}

beforeAll(async () => {
	w = app.seeded.world;
	for (const who of ['chair', 'm1', 'm2', 'm3'] as const)
		people[who] = await inSitting(w.cookies[who]);
	producer = await inSitting(app.seeded.producerCookie);
});
afterAll(() => {
	for (const s of sockets) s.close();
});

const move = async (to: ItemState) =>
	expect(await command(people.chair, 'item:move', { itemId: w.itemId, to })).toMatchObject({
		ok: true
	});

async function submitAll(low: boolean) {
	for (const who of ['chair', 'm1', 'm2', 'm3'] as const) {
		const choices = who === 'm3' && low ? card(12) : card();
		await tickCard(
			app.server,
			{ itemId: w.itemId, userId: w.ids[who], cookie: w.cookies[who] },
			choices
		);
		expect(await command(people[who], 'score:submit', { itemId: w.itemId })).toMatchObject({
			ok: true
		});
	}
}

describe('the lobby follows the scoring of an item', () => {
	it('hears of a re-scoring round and of the close, but not the locked result', async () => {
		await move('presenting');
		await move('questions');
		await move('scoring');
		let resultSeen = false;
		producer.on('result:locked', () => (resultSeen = true));

		await submitAll(true);
		const blocked = await command(people.chair, 'item:close', { itemId: w.itemId, override: null });
		expect(blocked.ok).toBe(false);
		const round2 = nextEvent(producer, 'item:state', (e) => e.itemId === w.itemId);
		expect(await command(people.chair, 'item:rescore', { itemId: w.itemId })).toMatchObject({
			ok: true
		});
		expect(await within(round2, 'round 2 in the lobby', 5000)).toMatchObject({
			state: 'scoring',
			scoringRound: 2
		});

		await submitAll(false);
		const closed = nextEvent(producer, 'item:state', (e) => e.itemId === w.itemId);
		const locked = nextEvent(people.m1, 'result:locked', () => true);
		expect(
			await command(people.chair, 'item:close', { itemId: w.itemId, override: null })
		).toMatchObject({ ok: true });
		expect(await within(closed, 'the close in the lobby', 5000)).toMatchObject({
			state: 'closed',
			sittingId: w.sittingId
		});
		await within(locked, 'the result in the sitting', 5000);
		expect(resultSeen).toBe(false);
	});
});

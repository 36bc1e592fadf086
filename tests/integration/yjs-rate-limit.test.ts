// The per-connection message bucket of the Yjs endpoint, over real sockets: a flood is closed
// 4429 with nothing after the limit applied, everyone else keeps being served in order, and the
// browser's provider waits and reconnects without losing what it typed.
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { YJS_MESSAGE_BURST } from '../../server/yjs/endpoint';
import { retryWhenLimited } from '../../src/lib/client/yjs-rate-limit';
import { CLOSE } from '../../src/lib/protocol/close-codes';
import { cardDocName } from '../../src/lib/protocol/yjs-docs';
import { useAppServer } from '../helpers/app-server';
import { seedScoringFixture, type ScoringFixture } from './scoring-fixture';
import {
	choiceUpdate,
	provider,
	rawClient,
	storedDoc,
	synced,
	syncUpdateFrame,
	until
} from './yjs-helpers';

const app = useAppServer({
	seed: (ctx) => seedScoringFixture(ctx.db, ctx.sessionPolicy, ctx.now())
});
let f: ScoringFixture;

beforeAll(() => {
	f = app.seeded;
});

// Far past the burst: the bucket refills meanwhile, and a slow machine must still overflow it.
const FLOOD = YJS_MESSAGE_BURST + 2000;
/** Indices of the flood's keys (`f<i>`) in a document's choices. */
const floodKeys = (doc: Y.Doc) =>
	Object.keys(doc.getMap('choices').toJSON())
		.filter((k) => k.startsWith('f'))
		.map((k) => Number(k.slice(1)))
		.sort((a, b) => a - b);

describe('Yjs messages per connection', () => {
	it('closes a flood 4429, applies nothing after the limit, and serves the others in order', async () => {
		const floodDoc = cardDocName(f.itemId, f.ids.m1);
		const otherDoc = cardDocName(f.itemId, f.ids.m2);
		// The chair reads m2's card and records the order in which m2's ticks arrive.
		const chair = provider(app.url, otherDoc, f.cookies.chair);
		const m2 = provider(app.url, otherDoc, f.cookies.m2);
		await Promise.all([synced(chair.provider), synced(m2.provider)]);
		const arrived: string[] = [];
		chair.doc.getMap('choices').observe((e) => arrived.push(...e.keysChanged));

		const flooder = rawClient(app.url, floodDoc, f.cookies.m1);
		const reason = new Promise<string>((resolve) =>
			flooder.ws.on('close', (_code, why) => resolve(why.toString()))
		);
		await flooder.ready;
		// Every frame is an independent update (its own client), so each one applied shows alone.
		const frames = Array.from({ length: FLOOD }, (_, i) =>
			syncUpdateFrame(choiceUpdate(`f${i}`, 0))
		);
		for (const frame of frames) flooder.send(frame);
		const ticks = ['1.1', '1.2', '2.1', '2.2', '3.1'];
		for (const code of ticks) m2.doc.getMap('choices').set(code, 1);

		expect(await flooder.closed).toBe(CLOSE.rateLimited);
		expect(await reason).toBe('errors.liveRateLimited');
		// Every frame the flooder sent has reached the server by now (its close frame came after).
		const reader = provider(app.url, floodDoc, f.cookies.chair);
		await synced(reader.provider);
		const applied = floodKeys(reader.doc);
		expect(applied.length).toBeGreaterThanOrEqual(YJS_MESSAGE_BURST);
		expect(applied.length).toBeLessThan(FLOOD);
		// A prefix: once refused, nothing later was applied, not even after the bucket refilled.
		expect(applied).toEqual(applied.map((_, i) => i));
		await until(() => floodKeys(storedDoc(app.db, floodDoc)).length === applied.length);
		expect(floodKeys(storedDoc(app.db, floodDoc))).toEqual(applied);

		await until(() => arrived.length === ticks.length);
		expect(arrived).toEqual(ticks);
		expect(storedDoc(app.db, otherDoc).getMap('choices').toJSON()).toMatchObject(
			Object.fromEntries(ticks.map((t) => [t, 1]))
		);
		for (const p of [chair, m2, reader]) p.provider.destroy();
	});

	it('a provider closed for flooding waits, reconnects once and loses nothing', async () => {
		const name = cardDocName(f.itemId, f.ids.m3);
		const m3 = provider(app.url, name, f.cookies.m3);
		const events: string[] = [];
		m3.provider.on('status', ({ status }) => events.push(status));
		const stop = retryWhenLimited(
			m3.provider,
			(wait) => events.push(wait === null ? 'resumed' : `paused ${wait}`),
			{ firstMs: 50, maxMs: 400, resetAfterMs: 60_000 }
		);
		await synced(m3.provider);
		events.length = 0;
		const choices = m3.doc.getMap('choices');
		for (let i = 0; i < FLOOD; i++) choices.set(`f${i}`, i % 3);
		await until(() => events.includes('resumed'));
		// Paused first, then exactly one new connection: no reconnect loop while paused.
		expect(events).toEqual(['disconnected', 'paused 50', 'connecting', 'connected', 'resumed']);
		await synced(m3.provider);
		// The reconnect's sync carried what the server had refused.
		await until(() => floodKeys(storedDoc(app.db, name)).length === FLOOD);
		expect(storedDoc(app.db, name).getMap('choices').toJSON()).toEqual(choices.toJSON());
		stop();
		m3.provider.destroy();
	});
});

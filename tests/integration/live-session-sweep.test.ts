import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createSession, type Session } from '../../src/lib/server/auth/session';
import { sessions, users } from '../../src/lib/server/db/schema';
import { LiveSessions, SWEEP_SLICE } from '../../server/live-sessions';
import { makeTestContext, type TestContext } from '../helpers/context';

/**
 * The sweep that finds sessions ended while their connections sit idle, at the scale of a
 * province signed in at once: it must end exactly the bad ones, and in slices, so that live
 * ticks are never held behind one long read of every session.
 */
describe('live session sweep', () => {
	let ctx: TestContext;
	let live: LiveSessions;
	const people = SWEEP_SLICE * 2 + 200;

	beforeEach(() => {
		ctx = makeTestContext();
		live = new LiveSessions(ctx);
	});
	afterEach(() => {
		live.close();
		ctx.cleanup();
	});

	/** `people` accounts, each signed in with one open connection; returns who got closed. */
	function signedIn() {
		const closed = new Set<number>();
		const list: Session[] = [];
		ctx.db.$client.transaction(() => {
			for (let i = 0; i < people; i++) {
				ctx.db
					.insert(users)
					.values({ id: `u${i}`, email: `u${i}@ocop.test`, name: `Người ${i}`, role: 'member' })
					.run();
				const { session } = createSession(ctx.db, `u${i}`, ctx.sessionPolicy, ctx.now());
				list.push(session);
			}
		})();
		list.forEach((session, i) => {
			const admitted = live.admit(session, `10.0.${i >> 8}.${i & 255}`, () => closed.add(i));
			expect(admitted.ok).toBe(true);
		});
		return { closed, list };
	}

	const turn = () => new Promise((resolve) => setImmediate(resolve));

	it('ends only the sessions that expired, were signed out elsewhere or whose account was disabled', async () => {
		const { closed, list } = signedIn();
		// One bad session in each slice, and one of each kind.
		const expired = 3;
		const gone = SWEEP_SLICE + 7;
		const disabled = people - 5;
		ctx.db
			.update(sessions)
			.set({ expiresAt: ctx.now() - 1 })
			.where(eq(sessions.id, list[expired].id))
			.run();
		ctx.db.delete(sessions).where(eq(sessions.id, list[gone].id)).run();
		ctx.db
			.update(users)
			.set({ disabled: true })
			.where(eq(users.id, `u${disabled}`))
			.run();

		live.sweep();
		for (let i = 0; i < 10; i++) await turn();
		expect([...closed].sort((a, b) => a - b)).toEqual([expired, gone, disabled]);
		// What the sweep found ended is gone from the database too; the good ones are untouched.
		expect(live.count(list[expired].id)).toBe(0);
		expect(live.count(list[0].id)).toBe(1);
		const rows = ctx.db.select({ id: sessions.id }).from(sessions).all();
		expect(rows).toHaveLength(people - 3);
	});

	it('gives the event loop back between slices', async () => {
		const { closed, list } = signedIn();
		const last = people - 1;
		ctx.db.delete(sessions).where(eq(sessions.id, list[0].id)).run();
		ctx.db.delete(sessions).where(eq(sessions.id, list[last].id)).run();
		let ranBetween = false;
		live.sweep();
		// Something that arrived meanwhile (a tick) runs before the sweep reaches its last slice.
		setImmediate(() => (ranBetween = !closed.has(last)));
		for (let i = 0; i < 10; i++) await turn();
		expect(ranBetween).toBe(true);
		expect(closed).toEqual(new Set([0, last]));
	});

	it('runs one sweep at a time and none after close', async () => {
		const { closed, list } = signedIn();
		live.sweep();
		live.sweep(); // a second call while one runs changes nothing
		live.close();
		ctx.db
			.delete(sessions)
			.where(eq(sessions.id, list[people - 1].id))
			.run();
		for (let i = 0; i < 10; i++) await turn();
		// Closed after its first slice: the rest is not read from a database about to close.
		expect(closed.size).toBe(0);
		live.sweep();
		for (let i = 0; i < 10; i++) await turn();
		expect(closed.size).toBe(0);
	});
});

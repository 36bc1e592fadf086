// The realtime server closes while a sitting's attendance list (and the chair's board) is still
// scheduled: what was scheduled is dropped, not sent after close, so nothing reads the database
// once the server has closed (in production the database is closed right after it; the old
// timer logged "database connection is not open" then).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openAppServer, type AppServerHandle } from '../helpers/app-server';
import { command, connectAs, type Client } from '../helpers/recusal-world';
import { seedScoringFixture, type ScoringFixture } from './scoring-fixture';

/** Longer than the attendance (100 ms) and board batching windows. */
const PAST_FLUSH_MS = 400;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let handle: AppServerHandle<ScoringFixture> | null = null;
const sockets: Client[] = [];

afterEach(() => {
	for (const s of sockets.splice(0)) s.close();
	handle?.ctx.cleanup();
	handle = null;
	vi.restoreAllMocks();
});

async function joinAndClose(): Promise<AppServerHandle<ScoringFixture>> {
	handle = await openAppServer({
		seed: (ctx) => seedScoringFixture(ctx.db, ctx.sessionPolicy, ctx.now())
	});
	const f = handle.seeded;
	for (const who of ['chair', 'm1', 'm2'] as const) {
		const s = await connectAs(handle.url, f.cookies[who]);
		sockets.push(s);
		// Each join schedules the sitting's attendance list; the chair also watches the board.
		expect((await command(s, 'sitting:join', { sittingId: f.sittingId })).ok).toBe(true);
	}
	expect((await command(sockets[0], 'scoring:watch', { itemId: f.itemId })).ok).toBe(true);
	// The joins' list has gone out; a departure schedules the next one, which is still waiting
	// (100 ms) when the server closes a moment later.
	await pause(PAST_FLUSH_MS);
	expect((await command(sockets[2], 'sitting:leave', { sittingId: f.sittingId })).ok).toBe(true);
	await handle.server.close();
	return handle;
}

describe('closing the realtime server with an attendance list pending', () => {
	it('reads nothing from the database once closed', async () => {
		const h = await joinAndClose();
		const prepare = vi.spyOn(h.db.$client, 'prepare');
		await pause(PAST_FLUSH_MS);
		expect(prepare).not.toHaveBeenCalled();
	});

	it('logs no failed send when the database is closed right after the server', async () => {
		const errors = vi.spyOn(console, 'error');
		const h = await joinAndClose();
		h.ctx.cleanup();
		await pause(PAST_FLUSH_MS);
		const logged = errors.mock.calls.map((c) => c.map(String).join(' '));
		expect(logged.filter((l) => /attendance|board|not open/.test(l))).toEqual([]);
	});
});

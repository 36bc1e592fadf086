// Needs the build: BUILD_DIR=<dir> with `vite build` done first (the server is the built app).
// OCOP_CRASH_SEED=<seed from the test name> replays a run's kill plan and the clients' choices
// (not their timing, which the machine decides); OCOP_CRASH_KILLS raises the count (default 20).
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ItemState } from '../../src/lib/domain/meeting';
import { CARD_CHOICES } from '../../src/lib/protocol/yjs-docs';
import { useBuiltApp } from '../helpers/app-server';
import { Chair, Member, type Participant } from '../helpers/crash-actors';
import { checkDatabase } from '../helpers/crash-checks';
import { Control, Ledger, pause, type SentCommand } from '../helpers/crash-ledger';
import { SCORERS, seedCrashWorld, type CrashWorld } from '../helpers/crash-world';
import { seedFromEnv, seededRandom, type Random } from '../helpers/prng';
import { provider, until } from './yjs-helpers';

const KILLS = Number(process.env.OCOP_CRASH_KILLS || 20);
if (!Number.isInteger(KILLS) || KILLS < 1)
	throw new Error('OCOP_CRASH_KILLS must be a whole number');
const SEED = seedFromEnv('OCOP_CRASH_SEED');
// Enough agenda that closes keep happening until the last kill.
const ITEMS = Math.max(40, KILLS * 3);
const MODES = ['tick', 'submit', 'close'] as const;
type Mode = (typeof MODES)[number];

// The server is the database file's only user, so each kill leaves its WAL for the restart.
const app = useBuiltApp({
	seed: (_db, dir) => seedCrashWorld(join(dir, 'ocop.db'), ITEMS),
	releaseDb: true
});
const ctl = new Control();
const ledger = new Ledger();
let clients: Participant[] = [];

afterAll(async () => {
	ctl.stopped = true;
	ctl.notify();
	for (const c of clients) c.close();
});

async function waitFor(label: string, check: () => boolean, ms = 15_000): Promise<void> {
	try {
		await until(check, ms);
	} catch {
		throw new Error(`${label}: not reached in ${ms} ms (OCOP_CRASH_SEED=${SEED})`);
	}
}

/**
 * Waits for the moment to kill: a while into the ticking, or, after a while, just as a submit or
 * a close leaves a client (0 to 32 ms later, so the kill lands before, during or after the
 * server's commit, or with the answer on its way). Every number is drawn whatever the mode, so a
 * seed replays the same plan.
 */
async function killMoment(mode: Mode, rng: Random): Promise<void> {
	const wait = rng.int(80, 700);
	const after = rng.pick([0, 0, 1, 2, 4, 8, 16, 32]);
	if (mode === 'tick') return pause(wait);
	// Let the council get on first, so items keep closing between kills.
	await pause(wait / 2);
	const sent = await new Promise<boolean>((resolve) => {
		const fallback = setTimeout(() => {
			ledger.onSend = null;
			resolve(false);
		}, 5_000);
		ledger.onSend = (c: SentCommand) => {
			if (c.kind !== mode) return;
			ledger.onSend = null;
			clearTimeout(fallback);
			resolve(true);
		};
	});
	if (sent && after > 0) await pause(after);
}

/** After a restart: every client back in the sitting with the stored states, drafts resynced. */
async function resume(w: CrashWorld, members: Member[], states: Record<string, ItemState>) {
	const label = `resume after kill ${ctl.epoch}`;
	await waitFor(`${label}: rejoin`, () => clients.every((c) => c.joinedEpoch === ctl.epoch));
	for (const c of clients) {
		const seen = Object.fromEntries(c.snapshot!.agenda.map((a) => [a.id, a.state]));
		expect(seen, `${label}: ${c.who}'s snapshot`).toEqual(states);
	}
	for (const m of members) m.syncCards();
	await waitFor(`${label}: drafts saved`, () => members.every((m) => m.allSaved()));
	// A fresh reader gets each member's draft from the restarted server.
	const reads = members.flatMap((m) =>
		[...m.cards.values()].map((card) => ({
			card,
			reader: provider(app.url, card.name, w.cookies.chair)
		}))
	);
	try {
		await waitFor(`${label}: readers`, () => reads.every((r) => r.reader.provider.synced));
		for (const { card, reader } of reads)
			expect(reader.doc.getMap(CARD_CHOICES).toJSON(), `${label}: ${card.name}`).toEqual(
				card.doc.getMap(CARD_CHOICES).toJSON()
			);
	} finally {
		for (const { reader } of reads) reader.provider.destroy();
	}
}

interface Tally {
	unsaved: number;
	submitKills: number;
	submits: number;
	submitsKept: number;
	closeKills: number;
	closes: number;
	closesKept: number;
}

/** One kill: aim, SIGKILL, check the file, restart on the same port, check the clients resume. */
async function killOnce(k: number, rng: Random, w: CrashWorld, members: Member[], t: Tally) {
	const mode = rng.pick(MODES);
	await killMoment(mode, rng);
	const inFlight = ledger.pending();
	if (members.some((m) => m.hasUnsaved())) t.unsaved++;
	ctl.running = false;
	await app.stop(true);
	// Past every client's close event, no answer sent before the kill is still on its way.
	await waitFor(
		`kill ${k}: clients offline`,
		() =>
			clients.every((x) => !x.socket.connected && (!(x instanceof Member) || x.offline())) &&
			ledger.pending().length === 0
	);
	const figures = checkDatabase(app.dbFile, w, ledger, `kill ${k} (${mode}, seed ${SEED})`);
	const submits = inFlight.filter((x) => x.kind === 'submit');
	const closes = inFlight.filter((x) => x.kind === 'close');
	t.submitKills += submits.length > 0 ? 1 : 0;
	t.submits += submits.length;
	t.submitsKept += submits.filter((x) => x.committed).length;
	t.closeKills += closes.length > 0 ? 1 : 0;
	t.closes += closes.length;
	t.closesKept += closes.filter((x) => x.committed).length;
	ctl.epoch++;
	await app.start();
	await resume(w, members, figures.states);
	ctl.running = true;
	ctl.notify();
}

describe('the built server killed with SIGKILL while a council scores, submits and closes', () => {
	const name = `keeps what it acknowledged over ${KILLS} kills (OCOP_CRASH_SEED=${SEED})`;
	it(name, { timeout: KILLS * 15_000 + 60_000 }, async () => {
		const rng = seededRandom(SEED);
		const w = app.seeded;
		const chair = new Chair(w, 'chair', app.url, ctl, ledger, seededRandom(SEED + 1));
		const members = SCORERS.map(
			(m, i) => new Member(w, m, app.url, ctl, ledger, seededRandom(SEED + 2 + i))
		);
		clients = [chair, ...members];
		await waitFor('first join', () => clients.every((c) => c.joinedEpoch === 0));
		ctl.running = true;
		const loops = clients.map((c) => c.run());

		const t: Tally = {
			unsaved: 0,
			submitKills: 0,
			submits: 0,
			submitsKept: 0,
			closeKills: 0,
			closes: 0,
			closesKept: 0
		};
		for (let k = 1; k <= KILLS; k++) await killOnce(k, rng, w, members, t);
		// The aim works: some kills found a command on its way.
		expect(t.submitKills + t.closeKills).toBeGreaterThan(0);

		// The council is back at work after the last restart: one more item gets closed.
		const ackedCloses = () => ledger.closes.filter((x) => x.outcome === 'acked').length;
		const closed = ackedCloses();
		await waitFor('a close after the last restart', () => ackedCloses() > closed, 30_000);
		// The end: settle what is in flight, stop gracefully, check once more.
		ctl.running = false;
		ctl.stopped = true;
		ctl.notify();
		await Promise.all(loops);
		await waitFor('last answers', () => ledger.pending().length === 0);
		await app.stop();
		const last = checkDatabase(app.dbFile, w, ledger, `after a graceful stop (seed ${SEED})`);
		const acked = ledger.submits.filter((x) => x.outcome === 'acked').length;
		console.log(
			`crash-safety seed ${SEED}: ${KILLS} kills, ${t.unsaved} with draft ticks not yet saved; ` +
				`${t.submitKills} with a submit in flight (${t.submits} submits, ${t.submitsKept} ` +
				`had committed), ${t.closeKills} with a close in flight (${t.closes} closes, ` +
				`${t.closesKept} had committed); verified: ${acked} acknowledged submits ` +
				`(${last.submits} latest per member and item), ${last.closes} acknowledged closes, ` +
				`${last.locked} locked results in the chain, ${last.drafts} card drafts against ` +
				`their last "saved"`
		);
	});
});

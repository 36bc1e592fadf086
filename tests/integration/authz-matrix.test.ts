// The authorisation matrix walked against the built server (BUILD_DIR=… after `vite build`):
// every surface × every role × (where it matters) every item state. Each cell checks the
// outcome, and a refused cell also that the database did not change, that nothing it received
// carries a protected marker, and that it reached no video server. Allowed changes are undone
// before the next cell, so every cell is judged against the same world.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBuiltApp } from '../helpers/app-server';
import {
	changedTables,
	restoreSnapshot,
	takeSnapshot,
	type DbSnapshot
} from '../helpers/db-snapshot';
import { startFakeLiveKit, type FakeLiveKit } from '../helpers/fake-livekit';
import { allSurfaceKeys } from '../helpers/surfaces';
import { seedMatrixFixture, type MatrixFixture } from './authz/fixture';
import { F, NAME_MARK, USER } from './authz/ids';
import { cellsOf, DEFAULT_STATE, REGISTRY, registryProblems, type Cell } from './authz/matrix';
import { isDenial, ITEM_STATES, mayWrite, ROLES, type Role } from './authz/outcomes';
import { rawProbe, variantPlan, variantProblems } from './authz/variant-walk';
import {
	connectSocket,
	requestParts,
	httpProbe,
	socketProbe,
	yjsProbe,
	type Client,
	type Probe
} from './authz/probes';

const SURFACES = allSurfaceKeys();
const CELLS = cellsOf(SURFACES.filter((k) => k in REGISTRY));
const kindOf = (c: Cell) => (c.case.kind === 'server' ? 'http' : c.case.kind);
const GROUPS = (['http', 'socket', 'yjs'] as const).map((kind) => ({
	kind,
	cells: CELLS.filter((c) => kindOf(c) === kind)
}));
/** Sampled variants per refused cell (beside the core ones); AUTHZ_VARIANTS=all for all. */
const PER_REFUSAL =
	process.env.AUTHZ_VARIANTS === 'all' ? 'all' : Number(process.env.AUTHZ_VARIANTS ?? 2);
const VARIANT_RUNS = variantPlan(
	CELLS.filter((c) => c.state === DEFAULT_STATE),
	PER_REFUSAL
);

describe('the authorisation registry', () => {
	it('has an entry for every surface the server exposes, and no entry for a surface gone', () => {
		expect(registryProblems(SURFACES)).toEqual([]);
	});
});

describe(`the authorisation matrix against the built server (${CELLS.length} cells)`, () => {
	let livekit: FakeLiveKit;
	// Registered before the app's hooks so that it closes after the app has stopped.
	afterAll(() => livekit?.close());
	const app = useBuiltApp({
		env: async () => {
			livekit = await startFakeLiveKit();
			return {
				LIVEKIT_URL: livekit.url,
				LIVEKIT_API_KEY: 'matrix-key',
				LIVEKIT_API_SECRET: 'matrix-secret-of-at-least-32-characters'
			};
		},
		seed: (db, dir) => seedMatrixFixture(db, join(dir, 'uploads'), Date.now())
	});
	let db: typeof app.db;
	let world: MatrixFixture;
	let pristine: DbSnapshot;
	const sockets = new Map<Role, Client>();
	const started = Date.now();

	beforeAll(async () => {
		db = app.db;
		world = app.seeded;
		pristine = takeSnapshot(db.$client);
		for (const role of ROLES.filter((r) => r !== 'anonymous')) {
			const client = await connectSocket(app.url, world.cookies[role]);
			if (typeof client === 'string') throw new Error(`${role} cannot connect: ${client}`);
			sockets.set(role, client);
		}
	});

	afterAll(async () => {
		for (const s of sockets.values()) s.close();
		console.log(
			`authorisation matrix: ${CELLS.length} cells (${GROUPS.map((g) => `${g.cells.length} ${g.kind}`).join(', ')}) in ${Math.round((Date.now() - started) / 1000)} s`
		);
	});

	/**
	 * The role's socket, opened again if its session was ended meanwhile: the /logout cells end
	 * it (closing its live connections), and the snapshot restored after them brings it back.
	 */
	async function liveSocket(role: Cell['role']): Promise<Client | undefined> {
		const own = sockets.get(role);
		if (!own || own.connected) return own;
		own.close();
		const again = await connectSocket(app.url, world.cookies[role]);
		if (typeof again === 'string') throw new Error(`${role} cannot reconnect: ${again}`);
		sockets.set(role, again);
		return again;
	}

	async function probe(cell: Cell): Promise<Probe> {
		const cookie = world.cookies[cell.role];
		const c = cell.case;
		if (c.kind === 'http' || c.kind === 'server') return httpProbe(app.url, cell.key, c, cookie);
		if (c.kind === 'yjs') return yjsProbe(app.url, c.doc(cell.role), cookie);
		const event = cell.key.slice('socket '.length);
		const own = await liveSocket(cell.role);
		if (own) return socketProbe(own, event, c.payload(cell.state));
		const client = await connectSocket(app.url, cookie);
		if (typeof client === 'string') return { outcome: client, text: '' };
		try {
			return await socketProbe(client, event, c.payload(cell.state));
		} finally {
			client.close();
		}
	}

	/** Runs one cell against `before` (the world as it must be) and says what is wrong with it. */
	async function judge(cell: Cell, before: DbSnapshot): Promise<string[]> {
		const calls = livekit.calls();
		const got = await probe(cell);
		const changed = changedTables(before, takeSnapshot(db.$client));
		const outcome =
			cell.expect === 'noop' && got.outcome === 'ok' && !changed.length ? 'noop' : got.outcome;
		const problems: string[] = [];
		const fits = cell.expect.endsWith('*')
			? outcome.startsWith(cell.expect.slice(0, -1))
			: outcome === cell.expect;
		if (!fits) problems.push(`got ${outcome}`);
		const c = cell.case;
		const unexpected = changed.filter((t) => !(c.kind === 'http' && c.counts?.includes(t)));
		if (!mayWrite(cell.expect) && unexpected.length)
			problems.push(`changed ${unexpected.join(', ')}`);
		if (isDenial(cell.expect)) {
			const own = cell.role === 'anonymous' ? '' : NAME_MARK[USER[cell.role]];
			const leaked = world.markers.filter((m) => m !== own && got.text.includes(m));
			if (leaked.length) problems.push(`leaked ${leaked.join(', ')}`);
			if (got.frames) problems.push(`received ${got.frames} Yjs messages`);
			if (livekit.calls() !== calls) problems.push('reached the video server');
		}
		if (fits && outcome === 'ok' && cell.case.kind === 'socket' && cell.case.check) {
			const wrong = cell.case.check(cell.role, got.data, cell.state);
			if (wrong) problems.push(wrong);
		}
		if (changed.length) restoreSnapshot(db.$client, before);
		return problems;
	}

	/** Walks the cells state by state; each state starts from the seeded world. */
	async function walk(cells: Cell[]): Promise<string[]> {
		const failures: string[] = [];
		for (const state of [DEFAULT_STATE, ...ITEM_STATES.filter((s) => s !== DEFAULT_STATE)]) {
			const here = cells.filter((c) => c.state === state);
			if (here.length === 0) continue;
			restoreSnapshot(db.$client, pristine);
			db.$client.prepare('update agenda_items set state = ? where id = ?').run(state, F.item);
			const base = takeSnapshot(db.$client);
			for (const cell of here) {
				const problems = await judge(cell, base);
				if (problems.length)
					failures.push(`${cell.name}: expected ${cell.expect}, ${problems.join('; ')}`);
			}
		}
		return failures;
	}

	/** Each run's path spelled otherwise, judged against the cell's canonical outcome. */
	async function walkVariants(): Promise<string[]> {
		const failures: string[] = [];
		restoreSnapshot(db.$client, pristine);
		db.$client.prepare('update agenda_items set state = ? where id = ?').run(DEFAULT_STATE, F.item);
		const base = takeSnapshot(db.$client);
		for (const { cell, variant, canonical, query } of VARIANT_RUNS) {
			const c = cell.case;
			if (c.kind !== 'http') continue;
			const calls = livekit.calls();
			const parts = requestParts(app.url, cell.key, c, world.cookies[cell.role]);
			const got = await rawProbe(app.url, parts, variant.path + query);
			// A refused page load writes nothing (the canonical walk checks that), so only posts and
			// answered loads are compared: printing a document enters its number in the register.
			const changed =
				parts.method === 'GET' && got.outcome !== 'ok'
					? []
					: changedTables(base, takeSnapshot(db.$client));
			const problems = variantProblems(cell.expect, got, canonical);
			if (isDenial(cell.expect)) {
				const own = cell.role === 'anonymous' ? '' : NAME_MARK[USER[cell.role]];
				const leaked = world.markers.filter((m) => m !== own && got.text.includes(m));
				if (leaked.length) problems.push(`leaked ${leaked.join(', ')}`);
				if (livekit.calls() !== calls) problems.push('reached the video server');
			}
			const unexpected = changed.filter((t) => !c.counts?.includes(t));
			if (!mayWrite(cell.expect) && unexpected.length)
				problems.push(`changed ${unexpected.join(', ')}`);
			if (changed.length) restoreSnapshot(db.$client, base);
			if (problems.length)
				failures.push(
					`${cell.name} via ${variant.path} [${variant.label}]: canonical ${cell.expect}, got ${got.outcome}; ${problems.join('; ')}`
				);
		}
		return failures;
	}

	it(`path variants: ${VARIANT_RUNS.length} requests never grant more than the canonical path`, async () => {
		const t0 = Date.now();
		const failures = await walkVariants();
		console.log(
			`path variants: ${VARIANT_RUNS.length} requests (${PER_REFUSAL} sampled per refused cell) in ${Math.round((Date.now() - t0) / 1000)} s`
		);
		expect(failures).toEqual([]);
	}, 600_000);

	for (const { kind, cells } of GROUPS)
		it(`${kind}: ${cells.length} cells answer as the registry says, denials with nothing`, async () => {
			expect(await walk(cells)).toEqual([]);
		}, 180_000);
});

// The two lists of the ministry page read only the results they show: the province's forwarded
// candidates, and the central council's results for the candidates it received. Each is checked
// against what it should hold and against the former reading (every result of the level, parsed,
// then filtered), which it must equal row for row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LockedRecord } from '../../src/lib/domain/result-record';
import { ministryPackages } from '../../src/lib/server/db/schema';
import { receivedCandidates } from '../../src/lib/server/ministry/central';
import { decidedOutcome } from '../../src/lib/server/ministry/common';
import { forwardCandidates } from '../../src/lib/server/ministry/province';
import { getResult, listResults } from '../../src/lib/server/results/repository';
import { makeTestContext, type TestContext } from '../helpers/context';
import { lockProduct, seedWorld, type ProductSpec, type World } from '../helpers/locked-results';

let ctx: TestContext;
let world: World;
const r: Record<string, LockedRecord> = {};

/** Every result of the level, records parsed, in the list's order: how the page read them. */
function everyResult(level: 'province' | 'central') {
	return listResults(ctx.db, { level }, { published: false, limit: 10_000, offset: 0 })
		.rows.map((row) => getResult(ctx.db, row.seq, { published: false })!)
		.filter(Boolean);
}

function received(dossierId: string, n: number) {
	ctx.db
		.insert(ministryPackages)
		.values({
			id: `pkg-${n}`,
			direction: 'in',
			kind: 'candidate',
			manifestSha256: `m${n}`,
			signerKey: 'k'.repeat(64),
			originSeq: n,
			originHash: `h${n}`,
			dossierId,
			createdAt: ctx.now() + n
		})
		.run();
}

beforeAll(() => {
	ctx = makeTestContext();
	world = seedWorld(ctx.db, ctx.now());
	const at = ctx.now();
	const lock = (key: string, ranks: ProductSpec['ranks'], extra: Partial<ProductSpec> = {}) =>
		(r[key] = lockProduct(ctx.db, world, {
			key,
			name: `Sản phẩm ${key}`,
			setNo: 7,
			ranks,
			closedAt: at + Object.keys(r).length,
			...extra
		}));
	// Province: a 5★ (forwarded), a 4★ (recognised), a low one, an overridden blocked close (4★).
	lock('five', [0, 0, 0, 0]);
	lock('four', [
		[1, 0],
		[1, 0],
		[1, 0],
		[1, 0]
	]);
	lock('low', [4, 4, 4, 4]);
	lock('over', [0, 0, 0, 3], { override: { reason: 'Hội đồng thống nhất', blocked: 'spread' } });
	// Central: results for two received candidates; a third candidate is not scored yet.
	lock('c1', [0, 0, 0, 0], { level: 'central' });
	lock('c2', [2, 2, 2, 2], { level: 'central' });
	lock('c3', [0, 0, 0, 0], { level: 'central' });
	received(r.c1.dossierId, 1);
	received(r.c2.dossierId, 2);
	received(r.five.dossierId, 3);
});
afterAll(() => ctx?.cleanup());

describe('the ministry page’s lists', () => {
	it('forwards the province results the council sent on, as before', () => {
		const got = forwardCandidates(ctx.db);
		expect(got.map((c) => c.seq)).toContain(r.five.seq);
		// Concluded by an override (no outcome in the record): decided by its stars, 4★ here.
		expect(r.over.result.outcome).toBeNull();
		expect(decidedOutcome(r.over)).toBe('recognized');
		expect(got.map((c) => c.seq)).not.toContain(r.over.seq);
		expect(got.map((c) => c.seq)).not.toContain(r.four.seq);
		expect(got.map((c) => c.seq)).not.toContain(r.low.seq);
		expect(got.map((c) => c.seq)).not.toContain(r.c1.seq);
		const before = everyResult('province')
			.filter((f) => decidedOutcome(f.record) === 'forwarded-central')
			.map((f) => f.row.seq);
		expect(got.map((c) => c.seq)).toEqual(before);
	});

	it('shows each received candidate with its own central result, or none yet', () => {
		const got = receivedCandidates(ctx.db);
		const bySeq = (d: string) => got.find((c) => c.dossierId === d)?.result?.seq ?? null;
		expect(bySeq(r.c1.dossierId)).toBe(r.c1.seq);
		expect(bySeq(r.c2.dossierId)).toBe(r.c2.seq);
		// A province result of the same dossier is not the central council's answer.
		expect(bySeq(r.five.dossierId)).toBeNull();
		const central = everyResult('central');
		const before = got.map((c) => {
			const found = central.find((f) => f.record.dossierId === c.dossierId);
			return found ? found.row.seq : null;
		});
		expect(got.map((c) => c.result?.seq ?? null)).toEqual(before);
		expect(got.find((c) => c.dossierId === r.c1.dossierId)?.result).toMatchObject({
			stars: r.c1.result.stars,
			outcome: decidedOutcome(r.c1)
		});
	});
});

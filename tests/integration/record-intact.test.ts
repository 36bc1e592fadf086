// The integrity verdict a product page shows is remembered between renders (the record's
// canonical hash and the head's signature are most of a page's cost), so it must still follow
// every change: a row edited in the database, a head removed from or put back in the log on
// disk, each read again by the same process that remembered the earlier verdict.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headLogPath, recordChainHead } from '../../src/lib/server/chain-head';
import { openDatabase, type Db } from '../../src/lib/server/db/client';
import { publicGeneration } from '../../src/lib/server/public-cache';
import { recordIntact } from '../../src/lib/server/results/chain-info';
import { getResult } from '../../src/lib/server/results/repository';
import { lockProduct, seedWorld } from '../helpers/locked-results';

const dir = mkdtempSync(join(tmpdir(), 'ocop-record-intact-'));
const dbFile = join(dir, 'ocop.db');
let db: Db;
let seqA = 0;
let seqB = 0;

const verdict = (seq: number) => {
	const found = getResult(db, seq, { published: true });
	if (!found) throw new Error(`no result ${seq}`);
	return recordIntact(db, found.record, found.stored);
};

beforeAll(() => {
	db = openDatabase(dbFile);
	const world = seedWorld(db, Date.UTC(2026, 10, 29));
	const at = Date.UTC(2026, 10, 29, 3);
	const spec = { setNo: 7, ranks: [1, 1, 1, 1], publish: true, closedAt: at };
	seqA = lockProduct(db, world, { ...spec, key: 'a', name: 'Mật ong rừng Hòa Bắc' }).seq;
	seqB = lockProduct(db, world, { ...spec, key: 'b', name: 'Chả bò Đà Nẵng' }).seq;
});
afterAll(() => {
	db?.$client.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('a remembered integrity verdict', () => {
	it('turns to "not intact" when the head that names the record leaves the log, and back', () => {
		expect(verdict(seqA)).toBe(true);
		expect(verdict(seqA)).toBe(true);
		const log = headLogPath(dbFile);
		const original = readFileSync(log, 'utf8');
		const lines = original.split('\n').filter(Boolean);
		expect(lines).toHaveLength(2);
		// The first record's head removed: the log is shorter, the second record still covered.
		writeFileSync(log, lines[1] + '\n');
		expect(verdict(seqA)).toBe(false);
		expect(verdict(seqB)).toBe(true);
		// A forged head of the same length in its place: the signature no longer matches.
		const head = JSON.parse(lines[0]);
		const sig: string = head.signature;
		const flipped = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
		writeFileSync(log, JSON.stringify({ ...head, signature: flipped }) + '\n' + lines[1] + '\n');
		expect(verdict(seqA)).toBe(false);
		writeFileSync(log, original);
		expect(verdict(seqA)).toBe(true);
	});

	it('turns to "not intact" when the stored row changes, after it was found intact', () => {
		expect(verdict(seqB)).toBe(true);
		db.$client.exec('drop trigger if exists locked_results_no_update');
		db.$client
			.prepare(
				"update locked_results set record = json_set(record, '$.result.average', 99) where seq = ?"
			)
			.run(seqB);
		expect(verdict(seqB)).toBe(false);
		expect(verdict(seqA)).toBe(true);
	});

	it('a head appended after the lock has committed counts as a change of the public pages', () => {
		const before = publicGeneration(db.$client);
		const head = recordChainHead(db, { seq: seqA, hash: 'a'.repeat(64) }, Date.now());
		expect(head).not.toBeNull();
		// Only the head log was written: the pages showing the old head must not stay stored.
		expect(publicGeneration(db.$client)).toBe(before + 1);
	});
});

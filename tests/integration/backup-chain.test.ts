import { spawn, spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getRubric } from '../../src/lib/domain/rubrics';
import { listLeaves } from '../../src/lib/domain/rubric';
import type { LockedRecord } from '../../src/lib/domain/result-record';
import { findUserByEmail } from '../../src/lib/server/accounts';
import { openDatabase } from '../../src/lib/server/db/client';
import {
	appendLockedRecord,
	buildLockedBody,
	chainTip
} from '../../src/lib/server/results/record-builder';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { makeTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
let base = 0;
beforeEach(async () => {
	ctx = makeTestContext();
	await seedDemo(ctx.db, ctx.now());
});
afterEach(() => ctx.cleanup());

function ocop(...args: string[]) {
	const r = spawnSync(process.execPath, ['bin/ocop.js', ...args], { encoding: 'utf8' });
	return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Locks the demo items with all-best cards the way the locking service does (signed heads too). */
function lockDemoItems(): LockedRecord[] {
	const rubric = getRubric('qd26-2026', 7);
	const choices = Object.fromEntries(listLeaves(rubric).map((l) => [l.leaf.code, 0]));
	// The demo already holds a locked result of an earlier round: append after the chain's tip.
	base = chainTip(ctx.db).seq - 1;
	const voters = ['chutich', 'phochutich', 'thanhvien1'].map(
		(v) => findUserByEmail(ctx.db, `${v}@ocop.demo`)!.id
	);
	return ['demo-item-1', 'demo-item-2'].map((itemId, i) => {
		const item = ctx.db.$client
			.prepare('select sitting_id, dossier_id from agenda_items where id = ?')
			.get(itemId) as { sitting_id: string; dossier_id: string };
		const record = appendLockedRecord(
			ctx.db,
			buildLockedBody({
				seq: base + i + 1,
				itemId,
				sittingId: item.sitting_id,
				councilId: 'demo-council-danang',
				dossierId: item.dossier_id,
				productName: 'Snack chuối Bana',
				productSetNo: 7,
				members: voters.map((id) => ({ id, choices })),
				closedBy: voters[0],
				closedAt: 2000 + i
			})
		);
		ctx.db.$client.prepare("update agenda_items set state = 'closed' where id = ?").run(itemId);
		return record;
	});
}

/** What an intruder with raw file access would do: drop the guards, then edit. */
function tamper(sql: string, ...params: unknown[]) {
	const raw = new Database(ctx.file);
	raw.exec(
		'drop trigger if exists locked_results_no_update; drop trigger if exists locked_results_no_delete;'
	);
	raw.prepare(sql).run(...params);
	raw.close();
}

describe('ocop chain', () => {
	it('finds an intact chain valid', () => {
		lockDemoItems();
		const r = ocop('chain', '--db', ctx.file);
		expect(r.out).toContain(`valid: ${base + 2} locked result(s)`);
		expect(r.code).toBe(0);
	});

	it('the database itself refuses to change a locked result', () => {
		lockDemoItems();
		expect(() => ctx.db.$client.prepare('update locked_results set stars = 5').run()).toThrow(
			/immutable/
		);
		expect(() => ctx.db.$client.prepare('delete from locked_results').run()).toThrow(/immutable/);
	});

	it('names a changed record', () => {
		const [first] = lockDemoItems();
		const changed = { ...first, result: { ...first.result, stars: 5 } };
		tamper('update locked_results set record = ? where seq = ?', JSON.stringify(changed), base + 1);
		const r = ocop('chain', '--db', ctx.file);
		expect(r.code).toBe(1);
		expect(r.out).toContain(`record ${base + 1}: content does not match its hash`);
		expect(r.out).toContain(`record ${base + 1}: column stars differs`);
	});

	it('names a removed record, first or last', () => {
		lockDemoItems();
		tamper('delete from locked_results where seq = ?', base + 1);
		let r = ocop('chain', '--db', ctx.file);
		expect(r.code).toBe(1);
		expect(r.out).toContain(`record ${base + 2}: expected sequence number ${base + 1}`);
		expect(r.out).toMatch(/agenda item demo-item-1 is closed but has no locked result/);
		tamper('delete from locked_results where seq = ?', base + 2);
		r = ocop('chain', '--db', ctx.file);
		expect(r.out).toMatch(/agenda item demo-item-2 is closed but has no locked result/);
	});

	it('names a reordering', () => {
		lockDemoItems();
		tamper('update locked_results set seq = seq + 10 where seq > ?', base);
		tamper('update locked_results set seq = ? where seq = ?', base + 1, base + 12);
		tamper('update locked_results set seq = ? where seq = ?', base + 2, base + 11);
		const r = ocop('chain', '--db', ctx.file);
		expect(r.code).toBe(1);
		expect(r.out).toMatch(/does not link to the previous record/);
	});

	it('refuses a missing database with exit 2', () => {
		const r = ocop('chain', '--db', join(ctx.dir, 'nope.db'));
		expect(r.code).toBe(2);
		expect(r.err).toContain('no such database file');
	});
});

describe('ocop backup', () => {
	it('copies a database consistently while a writer keeps writing, and the copy restores', async () => {
		lockDemoItems();
		const writer = spawn(
			process.execPath,
			[
				'-e',
				`const D=require('better-sqlite3');const db=new D(${JSON.stringify(ctx.file)});db.pragma('journal_mode=WAL');db.pragma('busy_timeout=5000');
const ins=db.prepare("insert into audit_log (at, action) values (?, 'bench.write')");
const end=Date.now()+4000;let n=0;while(Date.now()<end){db.transaction(()=>{for(let i=0;i<50;i++)ins.run(Date.now())})();n++;}
console.log(n)`
			],
			{ stdio: ['ignore', 'pipe', 'inherit'] }
		);
		await new Promise((resolve) => setTimeout(resolve, 500));
		const dest = join(ctx.dir, 'backup.db');
		const r = ocop('backup', dest, '--db', ctx.file);
		expect(r.code).toBe(0);
		expect(r.out).toContain('integrity ok');
		await new Promise((resolve) => writer.once('exit', resolve));
		const copy = new Database(dest, { readonly: true });
		const writes = (
			copy.prepare("select count(*) n from audit_log where action = 'bench.write'").get() as {
				n: number;
			}
		).n;
		// Whole transactions of 50 only: a consistent point in time, never half a transaction.
		expect(writes % 50).toBe(0);
		expect(writes).toBeGreaterThan(0);
		copy.close();
		expect(ocop('chain', '--db', dest).code).toBe(0);
		// Restoring is opening the copy as the database: it migrates and serves the same data.
		const restored = openDatabase(dest);
		expect(restored.$client.prepare('select count(*) n from users').get()).toEqual({ n: 14 });
		restored.$client.close();
		expect(ocop('backup', dest, '--db', ctx.file).code).toBe(2);
	});
});

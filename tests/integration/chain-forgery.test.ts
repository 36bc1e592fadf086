// `ocop chain` against the forgeries of the security review, each on a real SQLite file changed
// the way an intruder with the file would (guards dropped, raw SQL), checked by the real CLI:
// an edited index column, a removed last record with its item put back to scoring, edited stored
// scorecards, and a tampered signed-head log. And what readers see after such edits and after a
// legitimate rename: the figures and names as locked.
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LockedRecord } from '../../src/lib/domain/result-record';
import { headLogPath, readHeadLog, signHead } from '../../src/lib/server/chain-head';
import { exportRows } from '../../src/lib/server/exports/round-results';
import { resultDetail } from '../../src/lib/server/results/detail';
import { getResult, listResults } from '../../src/lib/server/results/repository';
import { loadSigningKey } from '../../src/lib/server/signing';
import { makeTestContext, type TestContext } from '../helpers/context';
import { lockProduct, seedWorld, type World } from '../helpers/locked-results';

let ctx: TestContext;
let world: World;
let records: LockedRecord[];

beforeEach(() => {
	ctx = makeTestContext();
	world = seedWorld(ctx.db, ctx.now());
	records = ['a', 'b'].map((key, i) =>
		lockProduct(ctx.db, world, {
			key,
			name: i === 0 ? 'Snack chuối Bana' : 'Bánh dừa nướng Quý Thu',
			organization: i === 0 ? 'HTX Nông nghiệp Quế Sơn' : 'Cơ sở Quý Thu',
			setNo: i === 0 ? 7 : 6,
			ranks: i === 0 ? [1, 1, 1, 1] : [0.5, 1, 0.5, 1],
			publish: true,
			closedAt: ctx.now() + i
		})
	);
});
afterEach(() => ctx.cleanup());

function chain(...extra: string[]) {
	const r = spawnSync(process.execPath, ['bin/ocop.js', 'chain', '--db', ctx.file, ...extra], {
		encoding: 'utf8',
		env: { ...process.env, OCOP_SIGNING_KEY: '' }
	});
	return { code: r.status, out: r.stdout, err: r.stderr };
}

function tamper(sql: string, ...params: unknown[]) {
	const raw = new Database(ctx.file);
	raw.pragma('foreign_keys = OFF');
	raw.exec(
		'drop trigger if exists locked_results_no_update; drop trigger if exists locked_results_no_delete;'
	);
	raw.prepare(sql).run(...params);
	raw.close();
}

const [a, b] = [0, 1];

describe('ocop chain finds each forgery', () => {
	it('passes the untouched database, with its signed heads', () => {
		const r = chain();
		expect(r.out).toContain('valid: 2 locked result(s), chain intact, signed head verified');
		expect(r.code).toBe(0);
	});

	it('an edited average column: named by ocop chain, never shown to readers', () => {
		tamper('update locked_results set average_hundredths = 9999 where seq = ?', records[b].seq);
		const r = chain();
		expect(r.out).toContain(`record ${records[b].seq}: column average_hundredths differs`);
		expect(r.code).toBe(1);
		tamper('update locked_results set stars = 5 where seq = ?', records[b].seq);
		const shown = listResults(ctx.db, {}, { published: true, limit: 10, offset: 0 }).rows;
		const row = shown.find((x) => x.seq === records[b].seq)!;
		expect(row.averageHundredths).toBe(Math.round(records[b].result.average! * 100));
		expect(row.stars).toBe(records[b].result.stars);
		// A filter on the forged stars finds nothing: filters read the record too.
		const five = listResults(
			ctx.db,
			{ stars: 5 },
			{ published: true, limit: 10, offset: 0, today: '2026-11-29' }
		);
		expect(five.rows.map((x) => x.seq)).not.toContain(records[b].seq);
	});

	it('the last record removed and its item put back to scoring', () => {
		const last = records[b];
		tamper('delete from locked_results where seq = ?', last.seq);
		tamper("update agenda_items set state = 'scoring', closed_at = null where id = ?", last.itemId);
		tamper('delete from scorecards where item_id = ?', last.itemId);
		const r = chain();
		expect(r.out).toContain(`signed head names record ${last.seq}, which is not in the database`);
		expect(r.out).toContain(`the chain ends at record ${records[a].seq}`);
		expect(r.code).toBe(1);
	});

	it('the head log removed as well, or a head forged with another key', () => {
		rmSync(headLogPath(ctx.file));
		let r = chain();
		expect(r.out).toContain('no signed chain head beside the database');
		expect(r.code).toBe(1);
		const other = loadSigningKey(join(ctx.dir, 'other', 'ocop.db'));
		for (const rec of records)
			appendFileSync(headLogPath(ctx.file), JSON.stringify(signHead(other, rec, 1)) + '\n');
		r = chain();
		expect(r.out).toContain("signature does not verify with the issuer's key");
		expect(r.out).toContain(`record ${records[a].seq}: not covered by a signed chain head`);
		expect(r.code).toBe(1);
		// Checked against the forger's key instead, the forged heads pass: the key decides.
		writeFileSync(join(ctx.dir, 'other.pem'), other.publicPem);
		expect(chain('--key', join(ctx.dir, 'other.pem')).code).toBe(0);
	});

	it('a record appended behind the app’s back has no signed head', () => {
		const log = readFileSync(headLogPath(ctx.file), 'utf8').trim().split('\n');
		writeFileSync(headLogPath(ctx.file), log.slice(0, -1).join('\n') + '\n');
		const r = chain();
		expect(r.out).toContain(`record ${records[b].seq}: not covered by a signed chain head`);
		expect(r.code).toBe(1);
		expect(readHeadLog(ctx.file).heads).toHaveLength(1);
	});

	it('a stored scorecard of a locked item changed, removed or added', () => {
		const rec = records[a];
		const member = rec.cards[1].member;
		const card = rec.cards[1].choices;
		const code = Object.keys(card)[0];
		const changed = { ...card, [code]: card[code] === 0 ? 1 : 0 };
		tamper(
			'update scorecards set choices = ? where item_id = ? and user_id = ?',
			JSON.stringify(changed),
			rec.itemId,
			member
		);
		let r = chain();
		expect(r.out).toContain(
			`record ${rec.seq}: stored scorecard of ${member} (round 1) differs from the locked card`
		);
		expect(r.code).toBe(1);
		tamper('delete from scorecards where item_id = ? and user_id = ?', rec.itemId, member);
		tamper(
			'insert into scorecards (item_id, user_id, round, choices, submitted_at) values (?,?,?,?,?)',
			rec.itemId,
			rec.cards[2].member,
			2,
			JSON.stringify(card),
			1
		);
		r = chain();
		expect(r.out).toContain(`stored scorecard of ${member} (round 1) was removed`);
		expect(r.out).toContain(`stored scorecard of ${rec.cards[2].member} (round 2) is not in`);
		expect(r.code).toBe(1);
	});

	it('a locked item moved to another dossier', () => {
		tamper('update agenda_items set dossier_id = ? where id = ?', 'dossier-z', records[b].itemId);
		const r = chain();
		expect(r.out).toContain(`record ${records[b].seq}: column agenda_items.dossier_id differs`);
		expect(r.code).toBe(1);
	});

	it('refuses a key that does not parse, with exit 2', () => {
		writeFileSync(join(ctx.dir, 'bad.pem'), 'not a key');
		expect(chain('--key', join(ctx.dir, 'bad.pem')).code).toBe(2);
		expect(chain('--key').code).toBe(2);
	});
});

describe('locked results show what was locked', () => {
	it('a renamed organisation, council and round: lists, detail and exports keep the locked names', () => {
		tamper("update organizations set name = 'Công ty Đổi Tên' where id = 'org-a'");
		tamper("update councils set name = 'Hội đồng khác' where id = ?", world.councilId);
		tamper("update rounds set year = 2031, name = 'Đợt 9' where id = ?", world.roundId);
		tamper("update products set name = 'Tên mới', product_set_no = 1 where id = 'product-a'");
		const page = listResults(ctx.db, {}, { published: true, limit: 10, offset: 0 }).rows;
		const row = page.find((x) => x.seq === records[a].seq)!;
		expect(row).toMatchObject({
			organization: 'HTX Nông nghiệp Quế Sơn',
			productName: 'Snack chuối Bana',
			productSetNo: 7,
			year: 2026,
			councilName: 'Hội đồng đánh giá, phân hạng sản phẩm OCOP thành phố Đà Nẵng'
		});
		// Searching finds the locked name, not the new one.
		const q = (text: string) =>
			listResults(ctx.db, { q: text }, { published: true, limit: 10, offset: 0 }).total;
		expect(q('quế sơn')).toBe(1);
		expect(q('đổi tên')).toBe(0);
		const found = getResult(ctx.db, records[a].seq, { published: true })!;
		const detail = resultDetail(ctx.db, found.row, found.record, {
			showNames: false,
			anonymous: (n) => `Thành viên ${n}`
		});
		expect(detail).toMatchObject({
			organization: 'HTX Nông nghiệp Quế Sơn',
			productName: 'Snack chuối Bana',
			year: 2026,
			roundName: 'Đợt 2 năm 2026'
		});
		const exported = exportRows(ctx.db, {}).find((x) => x.seq === records[a].seq)!;
		expect(exported).toMatchObject({
			organization: 'HTX Nông nghiệp Quế Sơn',
			product: 'Snack chuối Bana',
			set: expect.stringMatching(/^7\. /),
			year: 2026,
			hash: records[a].hash
		});
		// A rename is not tampering: the chain stays valid.
		expect(chain().code).toBe(0);
	});
});

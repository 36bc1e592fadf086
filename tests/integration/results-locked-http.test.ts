// The built app (`node server/index.js`) on a real SQLite file: a default start makes its signing
// key beside the database and keeps it across restarts; the public pages show the locked names
// after the organisation is renamed, with the signed chain head and the key's fingerprint; the
// key is published at its stable address; and a bundle downloaded from the app passes the real
// `ocop verify` checked against the key the app publishes.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LockedRecord } from '../../src/lib/domain/result-record';
import { loadSigningKey, type SigningKey } from '../../src/lib/server/signing';
import { useBuiltApp } from '../helpers/app-server';
import { lockProduct, seedWorld } from '../helpers/locked-results';

const app = useBuiltApp({ env: { OCOP_SIGNING_KEY: '' } });
let dir: string;
let record: LockedRecord;
let key: SigningKey;
let firstPem = '';

const get = async (path: string) => {
	const res = await fetch(app.url + path);
	return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
};

beforeAll(async () => {
	dir = app.dir;
	expect(existsSync(join(dir, 'ocop-signing-key.pem'))).toBe(true);
	firstPem = (await get('/.well-known/ocop-signing-key.pem')).text;
	// A restart keeps the key it made: bundles issued before stay verifiable.
	await app.restart();
	const db = app.db;
	const world = seedWorld(db, Date.UTC(2026, 10, 29));
	record = lockProduct(db, world, {
		key: 'a',
		name: 'Snack chuối Bana',
		organization: 'HTX Nông nghiệp Quế Sơn',
		setNo: 7,
		ranks: [1, 1, 1, 1],
		publish: true,
		closedAt: Date.UTC(2026, 10, 29, 3)
	});
	key = loadSigningKey(app.dbFile);
	// The producer renames the organisation after the lock (what the producer form does).
	const raw = new Database(app.dbFile);
	raw.prepare("update organizations set name = 'Công ty TNHH Tên Mới' where id = 'org-a'").run();
	raw.close();
});

describe('locked results over HTTP', () => {
	it('publishes the key the app signs with, the same across a restart', async () => {
		const served = await get('/.well-known/ocop-signing-key.pem');
		expect(served.status).toBe(200);
		expect(served.text).toBe(key.publicPem);
		expect(served.text).toBe(firstPem);
		expect(served.text).toContain('BEGIN PUBLIC KEY');
	});

	it('the list and the detail show the locked organisation, the chain head and the key', async () => {
		for (const path of ['/results', `/results/${record.seq}`]) {
			const page = await get(path);
			expect(page.status, path).toBe(200);
			expect(page.text, path).toContain('HTX Nông nghiệp Quế Sơn');
			expect(page.text, path).not.toContain('Tên Mới');
			expect(page.text, path).toContain(record.hash);
			expect(page.text, path).toContain(key.fingerprint);
			expect(page.text, path).toContain('/.well-known/ocop-signing-key.pem');
		}
		expect((await get(`/results/${record.seq}`)).text).not.toContain('integrity-broken');
	});

	it('a downloaded bundle verifies against the published key; a re-hashed copy does not', async () => {
		const bundle = await get(`/results/${record.seq}/bundle.json`);
		expect(bundle.status).toBe(200);
		const file = join(dir, 'bundle.json');
		writeFileSync(file, bundle.text);
		const keyUrl = `${app.url}/.well-known/ocop-signing-key.pem`;
		const verify = (f: string) =>
			new Promise<{ code: number | null; out: string }>((resolve) => {
				const child = spawn(process.execPath, ['bin/ocop.js', 'verify', '--key', keyUrl, f]);
				let out = '';
				child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
				child.on('close', (code) => resolve({ code, out }));
			});
		const ok = await verify(file);
		expect(ok.out).toMatch(/^valid$/m);
		expect(ok.code).toBe(0);
		const parsed = JSON.parse(bundle.text);
		parsed.records[0].productName = 'Snack chuối Bana 5 sao';
		const forged = join(dir, 'forged.json');
		writeFileSync(forged, JSON.stringify(parsed));
		expect((await verify(forged)).code).toBe(1);
	});

	it('the detail page warns when the stored record no longer matches its hash', async () => {
		const raw = new Database(app.dbFile);
		raw.exec('drop trigger if exists locked_results_no_update');
		raw
			.prepare(
				"update locked_results set record = json_set(record, '$.result.average', 99) where seq = ?"
			)
			.run(record.seq);
		raw.close();
		const page = await get(`/results/${record.seq}`);
		expect(page.status).toBe(200);
		expect(page.text).toContain('data-testid="integrity-broken"');
		expect(page.text).toContain('không khớp với mã băm');
	});

	it('a configured key that does not exist stops the start with the variable named', () => {
		const r = spawnSync(process.execPath, ['server/index.js'], {
			encoding: 'utf8',
			timeout: 20_000,
			env: {
				...process.env,
				NODE_ENV: 'production',
				ORIGIN: 'http://127.0.0.1:1',
				PORT: '0',
				DATABASE_URL: join(dir, 'other.db'),
				OCOP_SIGNING_KEY: join(dir, 'missing-key.pem')
			}
		});
		expect(r.status).toBe(1);
		expect(r.stderr).toContain('Cannot start: OCOP_SIGNING_KEY');
		expect(existsSync(join(dir, 'missing-key.pem'))).toBe(false);
	});
});

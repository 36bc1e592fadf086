// Who issued a bundle: `ocop verify` checks the issuer's Ed25519 signatures, so a forger who
// changes a record and re-hashes it with the app's own function (a perfectly self-consistent
// bundle) is refused, whether the bundle is unsigned, keeps the old signature, or is signed with
// another key. The real CLI (bin/ocop.js) runs on files, with the key from a file, a URL or the
// deployment on this machine.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealRecord, type LockedRecord } from '../../src/lib/domain/result-record';
import { readHeadLog, signHead } from '../../src/lib/server/chain-head';
import { bundleJson, issueBundle, signBundle } from '../../src/lib/server/exports/bundle';
import { loadSigningKey, type SigningKey } from '../../src/lib/server/signing';
import { makeTestContext, type TestContext } from '../helpers/context';
import { lockProduct, seedWorld } from '../helpers/locked-results';

const root = fileURLToPath(new URL('../..', import.meta.url));
let ctx: TestContext;
let records: LockedRecord[];
let issuer: SigningKey;
let other: SigningKey;
let issuerPem: string;
let otherPem: string;
let server: Server;
let keyUrl: string;
let n = 0;

function file(text: string): string {
	const path = join(ctx.dir, `f${n++}.json`);
	writeFileSync(path, text);
	return path;
}

function ocop(args: string[], env: Record<string, string> = {}) {
	return new Promise<{ code: number | null; out: string; err: string }>((resolve, reject) => {
		const child = spawn(process.execPath, ['bin/ocop.js', ...args], {
			cwd: root,
			env: { ...process.env, OCOP_SIGNING_KEY: '', DATABASE_URL: '', ...env }
		});
		let out = '';
		let err = '';
		child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
		child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, out, err }));
	});
}

/** The second record with a better product name, re-hashed and re-linked: self-consistent. */
function forged(): LockedRecord[] {
	const [a, b] = records;
	const { prevHash: _p, hash: _h, ...body } = b;
	const changed = sealRecord(a.hash, { ...body, productName: 'Bánh dừa nướng 5 sao' });
	return [a, changed];
}

beforeAll(async () => {
	ctx = makeTestContext();
	const world = seedWorld(ctx.db, ctx.now());
	records = ['a', 'b'].map((key, i) =>
		lockProduct(ctx.db, world, {
			key,
			name: i === 0 ? 'Snack chuối Bana' : 'Bánh dừa nướng Quý Thu',
			setNo: i === 0 ? 7 : 6,
			ranks: [0.5, 0.5, 0.5, 0.5],
			publish: true,
			closedAt: ctx.now() + i
		})
	);
	issuer = loadSigningKey(ctx.file);
	other = loadSigningKey(join(ctx.dir, 'elsewhere', 'ocop.db'));
	issuerPem = join(ctx.dir, 'issuer.pem');
	otherPem = join(ctx.dir, 'other.pem');
	writeFileSync(issuerPem, issuer.publicPem);
	writeFileSync(otherPem, other.publicPem);
	server = createServer((req, res) => {
		if (req.url === '/.well-known/ocop-signing-key.pem') res.end(issuer.publicPem);
		else res.writeHead(404).end('not found');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	keyUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
	ctx.cleanup();
});

describe('ocop verify checks who issued a bundle', () => {
	it('accepts the bundle the app issued, with the key as a file, a URL or the deployment', async () => {
		const good = file(bundleJson(issueBundle(ctx.db, records)));
		const byFile = await ocop(['verify', '--key', issuerPem, good]);
		expect(byFile.out).toContain(`issuer key ${issuer.fingerprint}`);
		expect(byFile.out).toMatch(/^valid$/m);
		expect(byFile.code).toBe(0);
		const byUrl = await ocop([
			'verify',
			'--key',
			`${keyUrl}/.well-known/ocop-signing-key.pem`,
			good
		]);
		expect(byUrl.code).toBe(0);
		expect((await ocop(['verify', good], { DATABASE_URL: ctx.file })).code).toBe(0);
	});

	it('refuses a re-hashed forgery that is not signed (an old-style bare record)', async () => {
		const bare = await ocop(['verify', '--key', issuerPem, file(JSON.stringify(forged()))]);
		expect(bare.out).toContain('not signed');
		expect(bare.code).toBe(1);
	});

	it('refuses a re-hashed forgery put back into the genuine signed bundle', async () => {
		const bundle = { ...issueBundle(ctx.db, records), records: forged() };
		const r = await ocop(['verify', '--key', issuerPem, file(bundleJson(bundle))]);
		expect(r.out).toContain("the bundle's signature does not verify");
		expect(r.out).toContain('hash differs from the one signed when it was locked');
		expect(r.code).toBe(1);
	});

	it('refuses a re-hashed forgery signed, heads and all, with another key', async () => {
		const list = forged();
		const heads = list.map((r) => signHead(other, r, ctx.now()));
		const bundle = file(bundleJson(signBundle(other, list, heads)));
		const r = await ocop(['verify', '--key', issuerPem, bundle]);
		expect(r.out).toContain(`signed by another key (${other.fingerprint})`);
		expect(r.out).toContain("does not verify with the issuer's key");
		expect(r.code).toBe(1);
		// The forgery is perfect but for the key: checked against the forger's key it passes.
		expect((await ocop(['verify', '--key', otherPem, bundle])).code).toBe(0);
		// And the deployment's own key (no --key) refuses it just the same.
		expect((await ocop(['verify', bundle], { DATABASE_URL: ctx.file })).code).toBe(1);
	});

	it('refuses a genuine record whose lock-time head was swapped for another key’s', async () => {
		const heads = readHeadLog(ctx.file).heads.map((h) => signHead(other, h, h.at));
		const bundle = signBundle(issuer, records, heads);
		const r = await ocop(['verify', '--key', issuerPem, file(bundleJson(bundle))]);
		expect(r.out).toContain("the chain head of its locking does not verify with the issuer's key");
		expect(r.code).toBe(1);
	});

	it('exits 2 when no key can be had', async () => {
		const good = file(bundleJson(issueBundle(ctx.db, records)));
		const none = await ocop(['verify', good], { DATABASE_URL: join(ctx.dir, 'none', 'x.db') });
		expect(none.err).toContain('give --key');
		expect(none.code).toBe(2);
		expect((await ocop(['verify', '--key', `${keyUrl}/missing.pem`, good])).code).toBe(2);
	});
});

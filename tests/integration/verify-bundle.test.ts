// `ocop verify` on real bundles: a bundle exported from a locked record is valid, and every single
// changed field of it (nested choices included) is named as a mismatch, even when the changed
// bundle is signed again with the issuer's own key (an insider): the record checks still hold.
// Forgeries that re-hash a changed record are refused by the signatures (verify-signature.test.ts).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LockedRecord } from '../../src/lib/domain/result-record';
import type { CliIo } from '../../src/lib/server/cli/index';
import { run } from '../../src/lib/server/cli/verify';
import { readHeadLog } from '../../src/lib/server/chain-head';
import { bundleJson, signBundle } from '../../src/lib/server/exports/bundle';
import { loadSigningKey, type SigningKey } from '../../src/lib/server/signing';
import { makeTestContext, type TestContext } from '../helpers/context';
import { lockProduct, seedWorld } from '../helpers/locked-results';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ocop-verify-'));
let ctx: TestContext;
let records: LockedRecord[];
let key: SigningKey;
let keyFile: string;
let n = 0;

/** A bundle as the app issues it: signed with the deployment's key, with the lock-time heads. */
function write(value: unknown): string {
	const file = join(dir, `b${n++}.json`);
	const heads = readHeadLog(ctx.file).heads;
	const bundle = () => signBundle(key, value as LockedRecord | LockedRecord[], heads);
	writeFileSync(file, typeof value === 'string' ? value : bundleJson(bundle()));
	return file;
}

async function verify(...files: string[]): Promise<{ code: number; out: string; err: string }> {
	return verifyArgs(['--key', keyFile, ...files]);
}

async function verifyArgs(files: string[]): Promise<{ code: number; out: string; err: string }> {
	let out = '';
	let err = '';
	const io: CliIo = {
		stdout: (t) => void (out += t),
		stderr: (t) => void (err += t),
		readStdin: async () => ''
	};
	const code = await run(files, io);
	return { code, out, err };
}

function ocop(args: string[]): Promise<{ code: number | null; out: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['bin/ocop.js', ...args], { cwd: root });
		let out = '';
		child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, out }));
	});
}

/** Every leaf of the JSON value with its path. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
	if (value !== null && typeof value === 'object') {
		const entries = Array.isArray(value)
			? value.map((v, i) => [i, v] as const)
			: Object.entries(value);
		if (entries.length === 0) return [path];
		return entries.flatMap(([k, v]) => leaves(v, [...path, k]));
	}
	return [path];
}

function mutate(
	record: LockedRecord,
	path: (string | number)[]
): { copy: unknown; sameType: boolean } {
	const copy = structuredClone(record) as unknown as Record<string | number, unknown>;
	let parent: Record<string | number, unknown> = copy;
	for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
	const key = path[path.length - 1];
	const old = parent[key];
	if (typeof old === 'number') parent[key] = old + 1;
	else if (typeof old === 'boolean') parent[key] = !old;
	else if (old === 'province') parent[key] = 'central';
	else if (typeof old === 'string')
		parent[key] = /^[0-9a-f]{64}$/.test(old)
			? (old[0] === 'a' ? 'b' : 'a') + old.slice(1)
			: old + 'x';
	else if (Array.isArray(old)) parent[key] = [...old, 'extra'];
	else if (old === null) parent[key] = 'changed';
	else parent[key] = { changed: true };
	return { copy, sameType: typeof old === typeof parent[key] && !Array.isArray(old) };
}

beforeAll(() => {
	ctx = makeTestContext();
	const world = seedWorld(ctx.db, ctx.now());
	records = [
		lockProduct(ctx.db, world, {
			key: 'a',
			name: 'Snack chuối Bana',
			setNo: 7,
			ranks: [
				[1, 0],
				[1, 0],
				[1, 0],
				[1, 0]
			],
			closedAt: ctx.now()
		}),
		lockProduct(ctx.db, world, {
			key: 'b',
			name: 'Bánh dừa nướng Quý Thu',
			setNo: 6,
			ranks: [0, 0.5, 0, 0.5],
			closedAt: ctx.now() + 1
		}),
		lockProduct(ctx.db, world, {
			key: 'c',
			name: 'Nước mắm làng Bích Họa',
			setNo: 1,
			ranks: [0.5, 0.5, 0.5, 0.5],
			closedAt: ctx.now() + 2
		})
	];
	key = loadSigningKey(ctx.file);
	keyFile = join(dir, 'issuer.pem');
	writeFileSync(keyFile, key.publicPem);
});

afterAll(() => {
	ctx.cleanup();
	rmSync(dir, { recursive: true, force: true });
});

describe('ocop verify', () => {
	it('accepts real bundles, one per file or a whole chain in one file', async () => {
		const files = records.map(write);
		for (const file of files) expect((await verify(file)).code).toBe(0);
		const chain = await verify(...files);
		expect(chain.code).toBe(0);
		expect(chain.out.trim().split('\n').at(-1)).toBe('valid');
		expect((await verify(write(records))).code).toBe(0);
	});

	it('rejects every single changed field of a record, naming the problem', async () => {
		const record = records[1];
		const paths = leaves(record);
		expect(paths.length).toBeGreaterThan(200); // the cards' choices are in the table
		expect(paths.some((p) => p[0] === 'cards' && p[2] === 'choices')).toBe(true);
		const accepted: string[] = [];
		const wrongCode: string[] = [];
		for (const path of paths) {
			const { copy, sameType } = mutate(record, path);
			const { code, out } = await verify(write(copy));
			const where = path.join('.');
			if (code === 0 || out.trim().endsWith('\nvalid')) accepted.push(where);
			else if (sameType && code !== 1) wrongCode.push(`${where}: ${code}`);
		}
		expect(accepted).toEqual([]);
		expect(wrongCode).toEqual([]);
	});

	it('names a recomputation mismatch and a broken receipt', async () => {
		const copy = structuredClone(records[0]);
		copy.result.average = 99;
		const r1 = await verify(write(copy));
		expect(r1.out).toContain('result.average');
		const card = structuredClone(records[0]);
		const code = Object.keys(card.cards[2].choices)[0];
		card.cards[2].choices[code] = card.cards[2].choices[code] === 0 ? 1 : 0;
		const r2 = await verify(write(card));
		expect(r2.out).toContain('cards[2]');
		expect(r2.out).toContain('receipt');
	});

	it('checks the links of a chain given in order', async () => {
		const [a, b, c] = records.map(write);
		const skipped = await verify(a, c);
		expect(skipped.code).toBe(1);
		expect(skipped.out).toContain('does not follow');
		const swapped = await verify(b, a);
		expect(swapped.code).toBe(1);
		expect(swapped.out).toContain('prevHash does not link');
		expect(await verify(write([records[0], records[2]]))).toMatchObject({
			code: 1
		});
	});

	it('exits 2 on unreadable input', async () => {
		expect((await verify(join(dir, 'missing.json'))).code).toBe(2);
		expect((await verify(write('{ not json'))).code).toBe(2);
		expect((await verify(write('[]'))).code).toBe(2);
		expect((await verify(write({ seq: 1 }))).code).toBe(2);
		expect((await verifyArgs([])).code).toBe(2);
		expect((await verifyArgs(['--key', join(dir, 'missing.pem'), write(records[0])])).code).toBe(2);
		expect((await verifyArgs(['--key', write('not a key'), write(records[0])])).code).toBe(2);
		expect((await verifyArgs([write(records[0]), '--key'])).code).toBe(2);
	});

	it('runs as `npx ocop verify` with exit codes 0 / 1 / 2', async () => {
		const good = write(records[0]);
		const ok = await ocop(['verify', '--key', keyFile, good]);
		expect(ok.code).toBe(0);
		expect(ok.out).toMatch(/^valid$/m);
		const bad = structuredClone(records[0]);
		bad.productName = 'Snack chuối Bana 5 sao';
		const no = await ocop(['verify', '--key', keyFile, write(bad)]);
		expect(no.code).toBe(1);
		expect(no.out).toContain('hash does not match');
		expect((await ocop(['verify', '--key', keyFile, write('nope')])).code).toBe(2);
	});
});

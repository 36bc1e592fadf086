// A kill between a lock's commit and its signed head leaves the newest record without a head; the
// next start signs it, so `ocop chain` stays clean after a crash. Nothing else is signed at start.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { headLogPath, readHeadLog, signUnheadedTip } from '../../src/lib/server/chain-head';
import { makeTestContext, type TestContext } from '../helpers/context';
import { lockProduct, seedWorld, type World } from '../helpers/locked-results';

let ctx: TestContext;
let world: World;

beforeEach(() => {
	ctx = makeTestContext();
	world = seedWorld(ctx.db, ctx.now());
	for (const [i, key] of ['a', 'b'].entries())
		lockProduct(ctx.db, world, {
			key,
			name: `Sản phẩm ${key}`,
			setNo: 7,
			ranks: [1, 1, 1, 1],
			closedAt: ctx.now() + i
		});
});
afterEach(() => ctx.cleanup());

const chain = () =>
	spawnSync(process.execPath, ['bin/ocop.js', 'chain', '--db', ctx.file], {
		encoding: 'utf8',
		env: { ...process.env, OCOP_SIGNING_KEY: '' }
	});

/** The head log as if the process died before the last head was appended. */
function dropLastHead() {
	const log = headLogPath(ctx.file);
	const lines = readFileSync(log, 'utf8').trim().split('\n');
	writeFileSync(log, lines.slice(0, -1).join('\n') + '\n');
}

describe('the newest record left without a head by a crash', () => {
	it('is signed at the next start, and the chain checks clean again', () => {
		expect(chain().status).toBe(0);
		dropLastHead();
		expect(chain().status).toBe(1);
		const head = signUnheadedTip(ctx.db, ctx.now());
		expect(head?.seq).toBe(2);
		expect(chain().status).toBe(0);
		// A second start has nothing to do.
		expect(signUnheadedTip(ctx.db, ctx.now())).toBeNull();
		expect(readHeadLog(ctx.file).heads.map((h) => h.seq)).toEqual([1, 2]);
	});

	it('never papers over a head that names another hash or a later record', () => {
		const log = headLogPath(ctx.file);
		const lines = readFileSync(log, 'utf8').trim().split('\n');
		const forged = JSON.parse(lines[1]);
		writeFileSync(log, `${lines[0]}\n${JSON.stringify({ ...forged, hash: 'f'.repeat(64) })}\n`);
		expect(signUnheadedTip(ctx.db, ctx.now())).toBeNull();
		expect(chain().status).toBe(1);
		writeFileSync(log, `${lines[0]}\n${JSON.stringify({ ...forged, seq: 3 })}\n`);
		expect(signUnheadedTip(ctx.db, ctx.now())).toBeNull();
		expect(chain().status).toBe(1);
	});
});

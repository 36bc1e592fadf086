// `ocop rate` as a user runs it: a real node process on the files, exit codes and streams.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const examples = join(root, 'tests/fixtures/rating-examples');

interface Run {
	code: number | null;
	stdout: string;
	stderr: string;
}

function ocop(args: string[], stdin?: string): Promise<Run> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['bin/ocop.js', ...args], { cwd: root });
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
		child.stdin.end(stdin ?? '');
	});
}

async function expected(name: string): Promise<unknown> {
	return JSON.parse(await readFile(join(examples, `${name}.out.json`), 'utf8'));
}

let names: string[] = [];
let dir = '';

beforeAll(async () => {
	names = (await readdir(examples))
		.filter((file) => file.endsWith('.in.json'))
		.map((file) => file.slice(0, -'.in.json'.length))
		.sort();
	dir = await mkdtemp(join(tmpdir(), 'ocop-rate-'));
});

afterAll(async () => {
	if (dir) await rm(dir, { recursive: true, force: true });
});

interface ExampleInput {
	rubric: string;
	level: string;
	scorecards: { choices: Record<string, number> }[];
}

/** A copy of example 000 with one change, written to a temporary file. */
async function badFile(name: string, change: (input: ExampleInput) => void): Promise<string> {
	const input = JSON.parse(await readFile(join(examples, '000.in.json'), 'utf8'));
	change(input);
	const file = join(dir, name);
	await writeFile(file, JSON.stringify(input));
	return file;
}

describe('ocop rate', () => {
	it('prints one line per example file, in order, matching the expected outputs', async () => {
		const files = names.map((name) => join(examples, `${name}.in.json`));
		const run = await ocop(['rate', ...files]);
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
		const lines = run.stdout.trimEnd().split('\n');
		expect(lines).toHaveLength(names.length);
		for (const [i, name] of names.entries()) {
			expect(lines[i]).toBe(JSON.stringify(await expected(name)));
		}
	});

	it('reads one input from stdin with -', async () => {
		const input = await readFile(join(examples, '001.in.json'), 'utf8');
		const run = await ocop(['rate', '-'], input);
		expect(run.code).toBe(0);
		expect(JSON.parse(run.stdout)).toEqual(await expected('001'));
	});

	it('mixes stdin and files in argument order', async () => {
		const input = await readFile(join(examples, '002.in.json'), 'utf8');
		const run = await ocop(['rate', join(examples, '003.in.json'), '-'], input);
		expect(run.code).toBe(0);
		expect(
			run.stdout
				.trimEnd()
				.split('\n')
				.map((line) => JSON.parse(line))
		).toEqual([await expected('003'), await expected('002')]);
	});

	it('reports a missing file', async () => {
		const run = await ocop(['rate', 'no-such-file.json']);
		expect(run.code).toBe(2);
		expect(run.stdout).toBe('');
		expect(run.stderr).toContain('no-such-file.json: cannot read the file (no such file)');
	});

	it('reports invalid JSON', async () => {
		const file = join(dir, 'broken.json');
		await writeFile(file, '{"rubric": "qd26-2026/7",');
		const run = await ocop(['rate', file]);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain(`${file}: invalid JSON`);
	});

	it('reports an unknown rubric', async () => {
		const file = await badFile('unknown-rubric.json', (input) => (input.rubric = 'qd26-2026/99'));
		const run = await ocop(['rate', file]);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain(
			`${file}: rubric: rubric version "qd26-2026" has no product set 99`
		);
	});

	it('reports an option index out of range with its path', async () => {
		const file = await badFile(
			'out-of-range.json',
			(input) => (input.scorecards[2].choices['1.4'] = 7)
		);
		const run = await ocop(['rate', file]);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain(
			`${file}: scorecards[2].choices["1.4"]: option index 7 out of range (0..3, or -1 for none met)`
		);
	});

	it('reports a bad stdin input as <stdin>', async () => {
		const run = await ocop(['rate', '-'], '{"rubric": "qd26-2026/1", "level": "district"}');
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('<stdin>: level: must be "province" or "central"');
	});

	it('still prints the good files when one is bad, then exits 2', async () => {
		const bad = await badFile('bad-level.json', (input) => (input.level = 'commune'));
		const good = join(examples, '004.in.json');
		const run = await ocop(['rate', good, bad, good]);
		expect(run.code).toBe(2);
		const lines = run.stdout.trimEnd().split('\n');
		expect(lines).toHaveLength(2);
		expect(JSON.parse(lines[1])).toEqual(await expected('004'));
		expect(run.stderr.trim().split('\n')).toEqual([
			`ocop rate: ${bad}: level: must be "province" or "central", got "commune"`
		]);
	});

	it('a failure of its own is one plain line and exit 1, the stack only with OCOP_DEBUG', async () => {
		const { main } = await import('../../src/lib/server/cli/index');
		const input = join(examples, '004.in.json');
		const io = (err: string[]) => ({
			stdout: () => {
				throw new RangeError('the output went away');
			},
			stderr: (text: string) => void err.push(text),
			readStdin: async () => ''
		});
		const plain: string[] = [];
		expect(await main(['rate', input], io(plain))).toBe(1);
		expect(plain).toEqual([
			'ocop rate: internal error (RangeError: the output went away); please report it with ' +
				'the input that caused it (OCOP_DEBUG=1 shows where it failed)\n'
		]);
		process.env.OCOP_DEBUG = '1';
		try {
			const debug: string[] = [];
			expect(await main(['rate', input], io(debug))).toBe(1);
			expect(debug.join('')).toMatch(/\n\s+at .+rate\.ts/);
		} finally {
			delete process.env.OCOP_DEBUG;
		}
	});

	it('explains its usage', async () => {
		const help = await ocop(['rate', '--help']);
		expect(help.code).toBe(0);
		expect(help.stdout).toContain('Usage: ocop rate FILE...');
		expect((await ocop(['rate'])).code).toBe(2);
		expect((await ocop(['--help'])).stdout).toMatch(/Commands:\n {2}rate/);
		expect((await ocop(['nope'])).code).toBe(2);
	});
});

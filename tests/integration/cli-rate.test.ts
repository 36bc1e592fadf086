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

function ocop(args: string[], stdin?: string | Buffer): Promise<Run> {
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

	it('prints nothing when one input is bad, so no line is paired with the wrong file', async () => {
		const bad = await badFile('bad-level.json', (input) => (input.level = 'commune'));
		const good = join(examples, '004.in.json');
		const run = await ocop(['rate', good, bad, good, good]);
		expect(run.code).toBe(2);
		expect(run.stdout).toBe('');
		expect(run.stderr.trim().split('\n')).toEqual([
			`ocop rate: ${bad}: level: must be "province" or "central", got "commune"`
		]);
	});

	it('refuses unsafe counts and a second card for one member; takes a recused card as it is', async () => {
		const huge = join(dir, 'huge.json');
		await writeFile(
			huge,
			(await readFile(join(examples, '000.in.json'), 'utf8')).replace(
				/"members":\s*\d+/,
				'"members": 1e308'
			)
		);
		const run = await ocop(['rate', huge]);
		expect([run.code, run.stdout]).toEqual([2, '']);
		expect(run.stderr).toContain(
			`${huge}: council.members: must be a positive integer, got a number beyond 2^53 ` +
				`(1e+308), which a JSON reader no longer holds exactly`
		);
		// Numbers JSON.parse cannot hold are named as what they were, not as what it made of them
		// (null for Infinity, ...992 for ...993).
		for (const [written, said] of [
			['1e400', 'a number too large to be read (beyond 1.8e308)'],
			['9007199254740993', 'a number beyond 2^53 (9007199254740992), which a JSON reader']
		]) {
			await writeFile(
				huge,
				(await readFile(join(examples, '000.in.json'), 'utf8')).replace(
					/"present":\s*\d+/,
					`"present": ${written}`
				)
			);
			const bad = await ocop(['rate', huge]);
			expect([bad.code, bad.stdout]).toEqual([2, '']);
			expect(bad.stderr).toContain(
				`${huge}: council.present: must be a non-negative integer, got ${said}`
			);
		}
		const twice = await badFile('twice.json', (input) => {
			(input.scorecards[1] as { member?: string }).member = 'm1';
		});
		const dup = await ocop(['rate', twice]);
		expect(dup.code).toBe(2);
		expect(dup.stderr).toContain(
			`${twice}: scorecards[1].member: member "m1" already has a card (scorecards[0]); one card per member`
		);
		const recused = await badFile('recused-bare.json', (input) => {
			input.scorecards.push({ member: 'mx', recused: true } as unknown as {
				choices: Record<string, number>;
			});
		});
		const ok = await ocop(['rate', recused]);
		expect(ok.code).toBe(0);
		const out = JSON.parse(ok.stdout);
		expect(out.members.at(-1)).toEqual({
			member: 'mx',
			recused: true,
			parts: { A: 0, B: 0, C: 0 },
			total: 0,
			complete: false
		});
		const { members: _members, ...figures } = (await expected('000')) as { members: unknown };
		expect(out).toMatchObject(figures);
	});

	it('refuses a key repeated in an object, naming its path', async () => {
		const text = await readFile(join(examples, '000.in.json'), 'utf8');
		const input = JSON.parse(text) as ExampleInput;
		const code = Object.keys(input.scorecards[1].choices)[0];
		// The same card with its first answer written twice, 0 then the card's own value.
		const file = join(dir, 'duplicate-key.json');
		const cards = input.scorecards.map((card, i) => {
			const body = JSON.stringify(card.choices);
			return i === 1 ? body.replace('{', `{${JSON.stringify(code)}:0,`) : body;
		});
		await writeFile(
			file,
			`{"rubric":${JSON.stringify(input.rubric)},"level":"province","level":"central",` +
				`"council":{"members":9,"present":9,"chairPresent":true},"scorecards":[` +
				cards
					.map((choices, i) => `{"member":"m${i}","recused":false,"choices":${choices}}`)
					.join(',') +
				']}'
		);
		const run = await ocop(['rate', file]);
		expect([run.code, run.stdout]).toEqual([2, '']);
		expect(run.stderr).toBe(
			`ocop rate: ${file}: level: duplicate key "level": each key may appear once in an object\n`
		);
		await writeFile(file, (await readFile(file, 'utf8')).replace('"level":"central",', ''));
		const again = await ocop(['rate', file]);
		expect(again.stderr).toBe(
			`ocop rate: ${file}: scorecards[1].choices[${JSON.stringify(code)}]: duplicate key ` +
				`${JSON.stringify(code)}: each key may appear once in an object\n`
		);
	});

	it('refuses bytes that are not UTF-8, from a file and from stdin', async () => {
		const text = await readFile(join(examples, '001.in.json'));
		// A Latin-1 "ễ" would be read as U+FFFD and pass as a member name.
		const bytes = Buffer.concat([
			text.subarray(0, text.indexOf('"m1"') + 2),
			Buffer.from([0xff]),
			text.subarray(text.indexOf('"m1"') + 2)
		]);
		const file = join(dir, 'latin1.json');
		await writeFile(file, bytes);
		const run = await ocop(['rate', file]);
		expect([run.code, run.stdout]).toEqual([2, '']);
		expect(run.stderr).toBe(`ocop rate: ${file}: the input is not valid UTF-8 text\n`);
		const { main } = await import('../../src/lib/server/cli/index');
		const err: string[] = [];
		const io = {
			stdout: () => {},
			stderr: (line: string) => void err.push(line),
			readStdin: async () => bytes.toString('utf8'),
			readStdinBytes: async () => bytes
		};
		expect(await main(['rate', '-'], io)).toBe(2);
		expect(err).toEqual(['ocop rate: <stdin>: the input is not valid UTF-8 text\n']);
		// With a BOM, valid UTF-8 is read as before.
		const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text]);
		const withBom = await ocop(['rate', '-'], bom);
		expect(withBom.code).toBe(0);
		expect(JSON.parse(withBom.stdout)).toEqual(await expected('001'));
	});

	it('refuses "-" twice: standard input holds one input', async () => {
		const text = await readFile(join(examples, '001.in.json'), 'utf8');
		const run = await ocop(['rate', '-', '-'], text);
		expect([run.code, run.stdout]).toEqual([2, '']);
		expect(run.stderr).toBe(
			'ocop rate: "-" is given more than once; standard input holds one input, so "-" may ' +
				'appear once\n'
		);
	});

	it('stops quietly when its reader closes the pipe early', async () => {
		// `ocop rate *.json | head -1`: the reader takes one line and goes; the command must not
		// die on the closed pipe with a stack trace.
		const files = Array.from({ length: 400 }, () => join(examples, '000.in.json'));
		const child = spawn(process.execPath, ['bin/ocop.js', 'rate', ...files], { cwd: root });
		let stderr = '';
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		const first = await new Promise<string>((resolve) => {
			let seen = '';
			child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
				seen += chunk;
				if (seen.includes('\n')) {
					child.stdout.destroy();
					resolve(seen.slice(0, seen.indexOf('\n')));
				}
			});
		});
		const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
		expect(JSON.parse(first)).toEqual(await expected('000'));
		expect(stderr).toBe('');
		expect(code).toBe(0);
	});

	it('says a file is too large rather than badly encoded', async () => {
		const { main } = await import('../../src/lib/server/cli/index');
		const err: string[] = [];
		// One byte more than the longest string the engine holds (2^29 - 24 characters).
		const bytes = Buffer.alloc(0x1fffffe8 + 1, 0x20);
		const io = {
			stdout: () => {},
			stderr: (line: string) => void err.push(line),
			readStdin: async () => '',
			readStdinBytes: async () => bytes
		};
		expect(await main(['rate', '-'], io)).toBe(2);
		expect(err).toEqual([
			'ocop rate: <stdin>: cannot read the file (the file is too large to be a rating input ' +
				'(over 512 MiB))\n'
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

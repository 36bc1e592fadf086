import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/lib/server/db/client';
import { mailQueue, users } from '../../src/lib/server/db/schema';
import { notify } from '../../src/lib/server/notifications';
import { retryFailed } from '../../src/lib/server/notifications/mail-queue';
import { Outbox, useOutbox } from '../../src/lib/server/notifications/outbox';
import { makeTestContext, type TestContext } from '../helpers/context';
import { partsOfType, startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

let ctx: TestContext;
const sinks: SmtpSink[] = [];
const outboxes: Outbox[] = [];
const children: ChildProcess[] = [];
const ORIGIN = 'https://ocop.test';

beforeAll(() => {
	ctx = makeTestContext();
	ctx.db
		.insert(users)
		.values(
			Array.from({ length: 3 }, (_, i) => ({
				id: `q${i}`,
				email: `q${i}@ocop.test`,
				name: `Q${i}`,
				role: 'producer' as const
			}))
		)
		.run();
});
afterEach(async () => {
	for (const c of children.splice(0)) c.kill('SIGKILL');
	for (const o of outboxes.splice(0)) o.close();
	useOutbox(null);
	for (const s of sinks.splice(0)) await s.close();
	ctx.db.delete(mailQueue).run();
});
afterAll(() => ctx.cleanup());

function outbox(url: string, options: ConstructorParameters<typeof Outbox>[3] = {}, db?: Db) {
	const o = new Outbox(
		db ?? ctx.db,
		ORIGIN,
		{ url, from: 'ocop@ocop.test' },
		{ log: () => {}, ...options }
	);
	outboxes.push(o);
	return o;
}

async function sink(opts: { refuse?: boolean; port?: number } = {}) {
	const s = await startSmtpSink(opts);
	sinks.push(s);
	return s;
}

/** A port where nothing listens: a sink's, closed again. */
async function deadPort(): Promise<{ port: number; url: string }> {
	const s = await startSmtpSink();
	await s.close();
	return { port: Number(new URL(s.url).port), url: s.url };
}

const rows = () => ctx.db.select().from(mailQueue).all();

async function until(check: () => boolean, what: string, ms = 15_000) {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

/** The app in a child process; resolves once it has recorded its notification. */
function startChild(url: string, product: string): Promise<{ child: ChildProcess; log: string[] }> {
	const child = spawn(
		process.execPath,
		['--import', 'tsx', 'tests/helpers/mail-child.ts', ctx.file, url, 'q0', product],
		{ stdio: ['ignore', 'pipe', 'inherit'] }
	);
	children.push(child);
	const log: string[] = [];
	return new Promise((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`child exited ${code}`)));
		createInterface({ input: child.stdout! }).on('line', (line) => {
			log.push(line);
			if (line === 'READY') resolve({ child, log });
		});
	});
}

function kill(child: ChildProcess): Promise<void> {
	return new Promise((resolve) => {
		child.removeAllListeners('exit');
		child.once('exit', () => resolve());
		child.kill('SIGKILL');
	});
}

const mailsWith = (s: SmtpSink, text: string) =>
	s.mails.filter((m) => partsOfType(m.raw, 'text/plain').join().includes(text));

describe('the mail queue survives a dead SMTP server and a killed process', () => {
	it('SMTP down → queued; the process is killed; restarted with SMTP up → delivered exactly once', async () => {
		const dead = await deadPort();
		const { child, log } = await startChild(dead.url, 'Mật ong Trà My');
		// Stored before any attempt, then refused by the closed port and kept for a retry.
		await until(() => log.some((l) => l.includes('attempt 2 failed')), 'two failed attempts');
		const [queued] = rows();
		expect(queued).toMatchObject({ recipient: 'q0@ocop.test', sentAt: null });
		expect(['pending', 'sending']).toContain(queued.state);
		expect(queued.attempts).toBeGreaterThanOrEqual(2);
		expect(queued.lastError).toMatch(/ECONNREFUSED|connect/i);
		await kill(child);

		// The server comes up where the dead one was; the app starts again on the same file.
		const up = await sink({ port: dead.port });
		const restarted = outbox(dead.url, { retryMs: 50, leaseMs: 1_000 });
		await until(() => rows()[0].state === 'sent', 'the mail to be sent', 20_000);
		await restarted.idle();
		expect(mailsWith(up, 'Mật ong Trà My')).toHaveLength(1);
		expect(up.mails[0].raw).toMatch(new RegExp(`Message-ID: <ocop-mail-${queued.id}\\.`, 'i'));

		// Restarted once more, and woken: a sent mail is not sent again.
		restarted.close();
		const again = outbox(dead.url, { retryMs: 50 });
		again.wake();
		await new Promise((resolve) => setTimeout(resolve, 300));
		await again.idle();
		expect(up.mails).toHaveLength(1);
		expect(rows()[0]).toMatchObject({ state: 'sent', attempts: queued.attempts });
	}, 60_000);

	it('a mail accepted by the server just before a kill is not sent by the next process', async () => {
		const up = await sink();
		const { child } = await startChild(up.url, 'Tỏi Lý Sơn');
		await until(() => rows()[0]?.state === 'sent', 'the child to send');
		await kill(child);
		const next = outbox(up.url);
		next.wake();
		await new Promise((resolve) => setTimeout(resolve, 300));
		await next.idle();
		expect(mailsWith(up, 'Tỏi Lý Sơn')).toHaveLength(1);
	}, 30_000);

	it('a refusing server is retried with growing waits; the last refusal leaves it failed until the office retries', async () => {
		const opts = { refuse: true };
		const up = await sink(opts);
		let now = Date.UTC(2026, 11, 3, 2, 0);
		const box = outbox(up.url, { attempts: 3, retryMs: 60_000, clock: () => now });
		useOutbox(box);
		ctx.db.transaction((tx) =>
			notify(tx, ['q1'], 'dossier-returned', { product: 'Nước mắm', reason: 'r' }, '/p', now)
		);
		const row = () => rows()[0];
		await until(() => row()?.attempts === 1, 'the first attempt');
		expect(row()).toMatchObject({ state: 'pending', nextAttemptAt: now + 60_000 });
		expect(row().lastError).toContain('relay refused');
		// Not due yet: waking changes nothing.
		box.wake();
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(row().attempts).toBe(1);
		now += 60_000;
		box.wake();
		await until(() => row().attempts === 2, 'the second attempt');
		expect(row()).toMatchObject({ state: 'pending', nextAttemptAt: now + 240_000 });
		now += 240_000;
		box.wake();
		await until(() => row().state === 'failed', 'the mail to fail');
		expect(row().attempts).toBe(3);
		expect(up.mails).toHaveLength(0);

		// The office puts it back once the server takes mail again.
		opts.refuse = false;
		expect(retryFailed(ctx.db, now)).toBe(1);
		expect(retryFailed(ctx.db, now)).toBe(0);
		box.wake();
		await until(() => row().state === 'sent', 'the retried mail');
		expect(mailsWith(up, 'Nước mắm')).toHaveLength(1);
	}, 30_000);

	it('two outboxes on one database (two connections) deliver each mail once', async () => {
		const up = await sink();
		const other = openDatabase(ctx.file);
		try {
			const a = outbox(up.url);
			const b = outbox(up.url, {}, other);
			useOutbox(a);
			ctx.db.transaction((tx) => {
				for (let i = 0; i < 12; i++)
					notify(
						tx,
						['q0', 'q1', 'q2'],
						'dossier-returned',
						{ product: `P${i}`, reason: 'r' },
						'/p',
						i
					);
			});
			b.wake();
			await until(() => rows().every((r) => r.state === 'sent'), 'all mails sent');
			await Promise.all([a.idle(), b.idle()]);
			expect(up.mails).toHaveLength(36);
			const ids = up.mails.map((m) => /Message-ID:\s*(<[^>]+>)/i.exec(m.raw)![1]);
			expect(new Set(ids).size).toBe(36);
		} finally {
			other.$client.close();
		}
	}, 30_000);

	it('without SMTP nothing is queued, and a rolled-back event leaves no mail', async () => {
		const up = await sink();
		const none = new Outbox(ctx.db, ORIGIN, null);
		useOutbox(none);
		ctx.db.transaction((tx) => notify(tx, ['q0'], 'dossier-returned', { product: 'x' }, '/p', 1));
		expect(rows()).toHaveLength(0);
		useOutbox(outbox(up.url));
		expect(() =>
			ctx.db.transaction((tx) => {
				notify(tx, ['q0'], 'dossier-returned', { product: 'x' }, '/p', 1);
				throw new Error('event failed');
			})
		).toThrow();
		expect(rows()).toHaveLength(0);
		expect(ctx.db.select().from(users).where(eq(users.id, 'q0')).get()).toBeDefined();
	});
});

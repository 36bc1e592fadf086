import nodemailer from 'nodemailer';
import type { Db, Q } from '../db/client';
import {
	claimNext,
	enqueueMails,
	markAttemptFailed,
	markSent,
	nextDueAt,
	type MailRow
} from './mail-queue';

export type { Mail } from './mail-compose';

export interface SmtpSettings {
	url: string;
	from: string;
}

export interface OutboxOptions {
	/** Attempts per mail before it is failed (and shown to the office). */
	attempts?: number;
	/** Wait before the n-th retry: retryMs × 4^(n-1), at most maxDelayMs. */
	retryMs?: number;
	maxDelayMs?: number;
	/** How long a claimed mail is left to one sender before another may take it (a crash). */
	leaseMs?: number;
	/** How often the queue is looked at even when nothing woke it (another process's mail). */
	pollMs?: number;
	clock?: () => number;
	log?: (message: string) => void;
}

/** Errors of the connection, not of this message: the whole queue waits rather than each mail. */
const CONNECTION_ERRORS = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED']);

/**
 * E-mail for notifications through a queue kept in SQLite. notify() stores each mail in the
 * event's own transaction (a rolled-back event leaves none); after the commit the outbox sends
 * the due ones one by one. A refused or unreachable server is retried with growing waits, across
 * restarts; after the last attempt the mail is failed for the office to see. A mail is marked
 * sent in the same turn as the server's acceptance, so it is never sent again; only a process
 * killed in that instant sends it once more, under the same Message-ID.
 */
export class Outbox {
	private transport: ReturnType<typeof nodemailer.createTransport> | null;
	private running: Promise<void> | null = null;
	private again = false;
	private timer: NodeJS.Timeout | null = null;
	private poller: NodeJS.Timeout | null = null;
	private pausedUntil = 0;
	private readonly attempts: number;
	private readonly retryMs: number;
	private readonly maxDelayMs: number;
	private readonly leaseMs: number;
	private readonly clock: () => number;
	private readonly log: (message: string) => void;
	private readonly host: string;

	constructor(
		private readonly db: Db,
		private readonly origin: string,
		private readonly smtp: SmtpSettings | null,
		options: OutboxOptions = {}
	) {
		this.attempts = options.attempts ?? 8;
		this.retryMs = options.retryMs ?? 5_000;
		this.maxDelayMs = options.maxDelayMs ?? 3_600_000;
		this.leaseMs = options.leaseMs ?? 300_000;
		this.clock = options.clock ?? Date.now;
		this.log = options.log ?? ((m) => console.error(m));
		this.host = new URL(origin).hostname || 'ocop.local';
		this.transport = smtp
			? nodemailer.createTransport({
					url: smtp.url,
					connectionTimeout: 10_000,
					greetingTimeout: 10_000,
					socketTimeout: 20_000
				})
			: null;
		if (this.transport) {
			// What an earlier process left in the queue goes out now.
			this.poller = setInterval(() => this.wake(), options.pollMs ?? 30_000).unref();
			setImmediate(() => this.wake());
		}
	}

	/** Called by notify() inside the event's transaction; sending starts after it commits. */
	enqueue(db: Q, rows: { id: number }[]): void {
		if (!this.transport) return;
		const queued = enqueueMails(
			db,
			rows.map((r) => r.id),
			this.origin,
			this.clock()
		);
		if (queued > 0) setImmediate(() => this.wake());
	}

	/** Looks at the queue now (a new mail, a retry the office asked for, the poll). */
	wake(): void {
		if (!this.transport) return;
		if (this.running) {
			this.again = true;
			return;
		}
		this.running = this.drain()
			.catch((e) => this.log(`mail queue: ${(e as Error).message}`))
			.finally(() => {
				this.running = null;
				if (this.again) {
					this.again = false;
					this.wake();
				} else this.arm();
			});
	}

	/** Resolves when nothing waits in the queue any more: each mail sent or failed (tests). */
	async idle(): Promise<void> {
		for (;;) {
			await this.running;
			if (!this.transport || nextDueAt(this.db) === null) return;
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
	}

	close(): void {
		if (this.timer) clearTimeout(this.timer);
		if (this.poller) clearInterval(this.poller);
		this.timer = this.poller = null;
		this.transport?.close();
		this.transport = null;
	}

	private async drain(): Promise<void> {
		while (this.transport && this.clock() >= this.pausedUntil) {
			const row = claimNext(this.db, this.clock(), this.leaseMs);
			if (!row) return;
			await this.deliver(row);
		}
	}

	/** A timer for the next due mail, so a retry happens when it is due and not at the poll. */
	private arm(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
		if (!this.transport) return;
		const due = nextDueAt(this.db);
		if (due === null) return;
		const wait = Math.max(0, Math.max(due, this.pausedUntil) - this.clock());
		this.timer = setTimeout(() => this.wake(), wait).unref();
	}

	private async deliver(row: MailRow): Promise<void> {
		const transport = this.transport!;
		try {
			await transport.sendMail({
				from: this.smtp!.from,
				to: row.recipient,
				subject: row.subject,
				text: row.body,
				// The same mail keeps its Message-ID: a repeat after a crash is recognisable.
				messageId: `<ocop-mail-${row.id}.${row.createdAt}@${this.host}>`,
				...(row.ics ? { icalEvent: row.ics } : {})
			});
		} catch (e) {
			const attempt = row.attempts + 1;
			const last = attempt >= this.attempts;
			const message = (e as Error).message;
			const now = this.clock();
			const delay = Math.min(this.maxDelayMs, this.retryMs * 4 ** (attempt - 1));
			// Stored before it is logged: whoever reads the log finds the queue already telling it.
			markAttemptFailed(this.db, row.id, attempt, message, last ? null : now + delay);
			this.log(
				`notification mail ${row.notificationId} to ${row.recipient}: attempt ${attempt} failed` +
					`${last ? ', given up' : ''}: ${message}`
			);
			if (CONNECTION_ERRORS.has((e as { code?: string }).code ?? ''))
				this.pausedUntil = now + delay;
			return;
		}
		markSent(this.db, row.id, this.clock());
	}
}

let current: Outbox | null = null;

/** The process's outbox (context.ts makes it from the configuration; tests make their own). */
export function useOutbox(outbox: Outbox | null): void {
	current?.close();
	current = outbox;
}

export function currentOutbox(): Outbox | null {
	return current;
}

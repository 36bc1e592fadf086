import { and, eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Db } from '../db/client';
import { notifications, users } from '../db/schema';
import { sittingIcs } from './ics';
import { notificationText } from './message';

export interface SmtpSettings {
	url: string;
	from: string;
}

export interface Mail {
	to: string;
	subject: string;
	text: string;
	icalEvent?: { filename: string; method: string; content: string };
}

export interface OutboxOptions {
	/** Attempts per mail before it is given up (and logged). */
	attempts?: number;
	/** Wait before the n-th retry: retryMs × 4^(n-1). */
	retryMs?: number;
	log?: (message: string) => void;
}

interface Pending {
	id: number;
	userId: string;
	kind: string;
	createdAt: number;
}

/**
 * E-mail for notifications, sent after the event's transaction: notify() hands the new rows here
 * and the flush runs on the next turn of the event loop, when better-sqlite3's synchronous
 * transaction has either committed (the rows are there) or rolled back (they are not, and no mail
 * leaves). Sending never blocks or fails the action; a refused or unreachable server is retried
 * a few times in memory and then logged.
 */
export class Outbox {
	private queue: Pending[] = [];
	private flushing: Promise<void> | null = null;
	private inFlight = new Set<Promise<void>>();
	private transport: ReturnType<typeof nodemailer.createTransport> | null;
	private readonly attempts: number;
	private readonly retryMs: number;
	private readonly log: (message: string) => void;

	constructor(
		private readonly db: Db,
		private readonly origin: string,
		private readonly smtp: SmtpSettings | null,
		options: OutboxOptions = {}
	) {
		this.attempts = options.attempts ?? 4;
		this.retryMs = options.retryMs ?? 5_000;
		this.log = options.log ?? ((m) => console.error(m));
		this.transport = smtp
			? nodemailer.createTransport({
					url: smtp.url,
					connectionTimeout: 10_000,
					greetingTimeout: 10_000,
					socketTimeout: 20_000
				})
			: null;
	}

	schedule(rows: Pending[]): void {
		if (!this.transport) return;
		this.queue.push(...rows);
		this.flushing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
			this.flushing = null;
			this.flush();
		});
	}

	/** Resolves when every queued mail has been sent or given up (tests wait on this). */
	async idle(): Promise<void> {
		while (this.flushing || this.inFlight.size > 0) {
			await this.flushing;
			await Promise.all([...this.inFlight]);
		}
	}

	close(): void {
		this.transport?.close();
		this.transport = null;
	}

	private flush(): void {
		const batch = this.queue.splice(0);
		for (const p of batch) {
			let mail: Mail | null = null;
			try {
				mail = this.compose(p);
			} catch (e) {
				this.log(`notification mail ${p.id}: not composed: ${(e as Error).message}`);
			}
			if (!mail) continue;
			const job = this.send(mail, p.id).finally(() => this.inFlight.delete(job));
			this.inFlight.add(job);
		}
	}

	/** Null when the row is not there as scheduled: its transaction rolled back. */
	private compose(p: Pending): Mail | null {
		const row = this.db
			.select({
				kind: notifications.kind,
				params: notifications.params,
				link: notifications.link,
				email: users.email,
				disabled: users.disabled
			})
			.from(notifications)
			.innerJoin(users, eq(users.id, notifications.userId))
			.where(
				and(
					eq(notifications.id, p.id),
					eq(notifications.userId, p.userId),
					eq(notifications.kind, p.kind),
					eq(notifications.createdAt, p.createdAt)
				)
			)
			.get();
		if (!row || row.disabled) return null;
		const url = this.origin + row.link;
		// No per-person language is stored: Vietnamese first, English below, as on paper.
		const vi = notificationText(row.kind, row.params, 'vi');
		const en = notificationText(row.kind, row.params, 'en');
		const mail: Mail = {
			to: row.email,
			subject: `${vi.title} / ${en.title}`,
			text: [vi.title, vi.body, `Xem trong ứng dụng: ${url}`, '', '---', '', en.title, en.body]
				.concat([`Open in the app: ${url}`])
				.join('\n')
		};
		if (row.kind === 'sitting-scheduled') {
			const params = row.params;
			mail.icalEvent = {
				filename: 'invite.ics',
				method: 'PUBLISH',
				content: sittingIcs({
					sittingId: String(params.sittingId),
					userId: p.userId,
					title: String(params.title),
					startsAt: Number(params.startsAt),
					minutes: Number(params.minutes) || 60,
					url,
					host: new URL(this.origin).hostname,
					now: p.createdAt
				})
			};
		}
		return mail;
	}

	private async send(mail: Mail, id: number): Promise<void> {
		for (let attempt = 1; attempt <= this.attempts; attempt++) {
			const transport = this.transport;
			if (!transport) return;
			try {
				await transport.sendMail({ from: this.smtp!.from, ...mail });
				return;
			} catch (e) {
				const last = attempt === this.attempts;
				this.log(
					`notification mail ${id} to ${mail.to}: attempt ${attempt} failed` +
						`${last ? ', given up' : ''}: ${(e as Error).message}`
				);
				if (last) return;
				await new Promise((resolve) =>
					setTimeout(resolve, this.retryMs * 4 ** (attempt - 1)).unref()
				);
			}
		}
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

import type { AppContext } from './context';
import { Outbox, useOutbox } from './notifications/outbox';
import { settleDueWrittenRounds } from './written/settle';

/**
 * Work that runs without a request: started by the entry points (server/main.ts, the dev plugin,
 * and the SvelteKit bundle's init for its own copy of the outbox), never by reading the context,
 * so a test or a command that opens the database starts nothing behind its back.
 */
export interface BackgroundWork {
	stop(): void;
}

/**
 * The mail outbox of this copy of the modules: notify() stores a mail only when an outbox is in
 * use, and the outbox sends what is due. SvelteKit's bundle holds its own copy of outbox.ts
 * (app-services.ts), so its init starts one too; the queue's leases keep each mail to one sender.
 */
export function startMailOutbox(ctx: AppContext): BackgroundWork {
	const outbox = new Outbox(ctx.db, ctx.config.origin, ctx.config.smtp);
	useOutbox(outbox);
	return { stop: () => useOutbox(null) };
}

/**
 * A written round's window ends at midnight whether or not anyone looks: its items are settled
 * within a minute (and again before the office's page is read). Never stops the process.
 */
export function startWrittenRoundSettling(ctx: AppContext, everyMs = 60_000): BackgroundWork {
	const timer = setInterval(() => {
		try {
			settleDueWrittenRounds(ctx.db, ctx.now());
		} catch (e) {
			console.error('written rounds: settling failed', e);
		}
	}, everyMs);
	timer.unref();
	return { stop: () => clearInterval(timer) };
}

/** Everything the serving process runs in the background: the outbox and the settling timer. */
export function startBackgroundWork(ctx: AppContext): BackgroundWork {
	const started = [startMailOutbox(ctx), startWrittenRoundSettling(ctx)];
	return { stop: () => started.forEach((w) => w.stop()) };
}

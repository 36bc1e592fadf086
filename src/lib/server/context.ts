import { loadConfig, type Config } from './config';
import { openDatabase, type Db } from './db/client';
import type { SessionPolicy } from './auth/session';
import { loadSigningKey } from './signing';
import { Outbox, useOutbox } from './notifications/outbox';
import { settleDueWrittenRounds } from './written/settle';

export interface AppContext {
	config: Config;
	db: Db;
	sessionPolicy: SessionPolicy;
	now: () => number;
}

let context: AppContext | null = null;

/**
 * The SvelteKit side's configuration and database connection, made once per process on first
 * use. The realtime server builds its own from the same environment (see server/main.ts).
 */
export function appContext(): AppContext {
	if (!context) {
		const config = loadConfig();
		// At start, not at the first lock: a configured key that is missing or wrong stops the
		// process with the variable's name, and the default key is made once and kept.
		loadSigningKey(config.databaseUrl);
		const db = openDatabase(config.databaseUrl);
		context = { config, db, sessionPolicy: sessionPolicyOf(config), now: Date.now };
		useOutbox(new Outbox(db, config.origin, config.smtp));
		settleWrittenRoundsEveryMinute(db);
	}
	return context;
}

export function sessionPolicyOf(config: Config): SessionPolicy {
	return {
		idleMs: config.session.idleMinutes * 60_000,
		absoluteMs: config.session.absoluteHours * 3_600_000
	};
}

/**
 * A written round's window ends at midnight whether or not anyone looks: its items are settled
 * within a minute (and again before the office's page is read). Never stops the process.
 */
function settleWrittenRoundsEveryMinute(db: Db): void {
	const timer = setInterval(() => {
		try {
			settleDueWrittenRounds(db, Date.now());
		} catch (e) {
			console.error('written rounds: settling failed', e);
		}
	}, 60_000);
	timer.unref();
}

import { loadConfig, type Config } from './config';
import { openDatabase, type Db } from './db/client';
import type { SessionPolicy } from './auth/session';
import { loadSigningKey } from './signing';

export interface AppContext {
	config: Config;
	db: Db;
	sessionPolicy: SessionPolicy;
	now: () => number;
}

let context: AppContext | null = null;

/**
 * The SvelteKit side's configuration and database connection, made once per process on first
 * use. The realtime server builds its own from the same environment (see server/main.ts). It
 * starts nothing: the entry points start the background work (background.ts).
 */
export function appContext(): AppContext {
	if (!context) {
		const config = loadConfig();
		// At start, not at the first lock: a configured key that is missing or wrong stops the
		// process with the variable's name, and the default key is made once and kept.
		loadSigningKey(config.databaseUrl);
		const db = openDatabase(config.databaseUrl);
		context = { config, db, sessionPolicy: sessionPolicyOf(config), now: Date.now };
	}
	return context;
}

export function sessionPolicyOf(config: Config): SessionPolicy {
	return {
		idleMs: config.session.idleMinutes * 60_000,
		absoluteMs: config.session.absoluteHours * 3_600_000
	};
}

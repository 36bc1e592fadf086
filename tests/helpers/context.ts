import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/lib/server/config';
import { openDatabase } from '../../src/lib/server/db/client';
import { sessionPolicyOf, type AppContext } from '../../src/lib/server/context';

export interface TestContext extends AppContext {
	dir: string;
	file: string;
	/** Moves the injected clock forward. */
	advance(ms: number): void;
	cleanup(): void;
}

/** A real SQLite file in a fresh temporary folder, migrated, with an injectable clock. */
export function makeTestContext(env: Record<string, string> = {}): TestContext {
	const dir = mkdtempSync(join(tmpdir(), 'ocop-test-'));
	const file = join(dir, 'ocop.db');
	const config = loadConfig({
		NODE_ENV: 'test',
		DATABASE_URL: file,
		UPLOAD_DIR: join(dir, 'uploads'),
		ORIGIN: 'http://127.0.0.1:3000',
		...env
	});
	const db = openDatabase(file);
	let clock = Date.UTC(2026, 10, 29, 1, 0, 0);
	return {
		config,
		db,
		sessionPolicy: sessionPolicyOf(config),
		now: () => clock,
		advance(ms) {
			clock += ms;
		},
		dir,
		file,
		cleanup() {
			try {
				db.$client.close();
			} catch {
				/* already closed */
			}
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

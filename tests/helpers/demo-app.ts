import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/lib/server/db/client';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { startApp, type AppProcess } from './app-process';

/** The built app on a fresh database seeded with the demo data, as `npm run demo` leaves it. */
export async function startDemoApp(env: Record<string, string> = {}): Promise<AppProcess> {
	const dir = mkdtempSync(join(tmpdir(), 'ocop-e2e-'));
	const db = openDatabase(join(dir, 'ocop.db'));
	await seedDemo(db, Date.now());
	db.$client.close();
	const app = await startApp({ dir, env });
	const cleanup = app.cleanup;
	return {
		...app,
		async cleanup() {
			await cleanup();
			const { rmSync } = await import('node:fs');
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

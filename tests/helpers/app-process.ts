import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface AppProcess {
	url: string;
	port: number;
	dir: string;
	dbFile: string;
	child: ChildProcess;
	output: () => string;
	/** Stops the process (SIGTERM, or SIGKILL when `hard`) and waits for it to exit. */
	stop(hard?: boolean): Promise<void>;
	cleanup(): Promise<void>;
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			srv.close(() => resolve(port));
		});
	});
}

/**
 * Starts the built app (`node server/index.js`, as `npm start` does) on a free port with its own
 * database folder. Resolves once /healthz answers.
 */
export async function startApp(
	options: { dir?: string; env?: Record<string, string>; port?: number } = {}
): Promise<AppProcess> {
	const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'ocop-app-'));
	const port = options.port ?? (await freePort());
	const dbFile = join(dir, 'ocop.db');
	const url = `http://127.0.0.1:${port}`;
	let log = '';
	const child = spawn(process.execPath, ['server/index.js'], {
		cwd: process.cwd(),
		env: {
			...process.env,
			NODE_ENV: 'production',
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			DATABASE_URL: dbFile,
			UPLOAD_DIR: join(dir, 'uploads'),
			...options.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout!.on('data', (d) => (log += d));
	child.stderr!.on('data', (d) => (log += d));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`app exited early:\n${log}`);
		try {
			const res = await fetch(`${url}/healthz`);
			if (res.ok) break;
		} catch {
			/* not listening yet */
		}
		if (Date.now() > deadline) throw new Error(`app did not start in 30 s:\n${log}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	const stop = async (hard = false) => {
		if (child.exitCode === null && child.signalCode === null)
			child.kill(hard ? 'SIGKILL' : 'SIGTERM');
		await exited;
	};
	return {
		url,
		port,
		dir,
		dbFile,
		child,
		output: () => log,
		stop,
		async cleanup() {
			await stop();
			if (!options.dir) rmSync(dir, { recursive: true, force: true });
		}
	};
}

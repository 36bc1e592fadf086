import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/lib/server/config';

function problem(env: Record<string, string>): string {
	try {
		loadConfig(env);
	} catch (e) {
		expect(e).toBeInstanceOf(ConfigError);
		return (e as Error).message;
	}
	throw new Error('expected a ConfigError');
}

describe('configuration', () => {
	it('runs on embedded defaults in development', () => {
		const c = loadConfig({});
		expect(c.dev).toBe(true);
		expect(c.port).toBe(3000);
		expect(c.origin).toBe('http://localhost:3000');
		expect(c.databaseUrl).toBe('data/ocop.db');
		expect(c.session).toEqual({ idleMinutes: 120, absoluteHours: 14 });
		expect(c.livekit).toEqual({
			url: 'ws://127.0.0.1:7880',
			apiKey: 'devkey',
			apiSecret: 'secret'
		});
	});

	it('names the variable that is wrong', () => {
		expect(problem({ PORT: 'abc' })).toMatch(/^PORT: must be a whole number/);
		expect(problem({ PORT: '70000' })).toMatch(/^PORT: must be between 0 and 65535/);
		expect(problem({ NODE_ENV: 'staging' })).toMatch(/^NODE_ENV:/);
		expect(problem({ NODE_ENV: 'production' })).toBe('ORIGIN: is required');
		expect(problem({ ORIGIN: 'ftp://x' })).toMatch(/^ORIGIN: must use http: or https:/);
		expect(problem({ ORIGIN: 'not a url' })).toMatch(/^ORIGIN: must be a URL/);
		expect(problem({ SESSION_IDLE_MINUTES: '1' })).toMatch(/^SESSION_IDLE_MINUTES:/);
		expect(problem({ SESSION_IDLE_MINUTES: '600', SESSION_ABSOLUTE_HOURS: '2' })).toMatch(
			/^SESSION_IDLE_MINUTES: must not exceed/
		);
		expect(problem({ TRUST_PROXY: 'maybe' })).toMatch(/^TRUST_PROXY:/);
		expect(problem({ PUBLIC_WARM_PAGES: '-1' })).toMatch(/^PUBLIC_WARM_PAGES:/);
		expect(problem({ PUBLIC_WARM_PAGES: '2001' })).toMatch(/^PUBLIC_WARM_PAGES:/);
		expect(loadConfig({}).publicWarmPages).toBe(500);
		expect(loadConfig({ PUBLIC_WARM_PAGES: '0' }).publicWarmPages).toBe(0);
		expect(problem({ LIVEKIT_URL: 'ws://lk:7880' })).toMatch(/^LIVEKIT_API_KEY: is required/);
	});

	it('asks for a strong LiveKit secret in production', () => {
		expect(
			problem({
				NODE_ENV: 'production',
				ORIGIN: 'https://ocop.example.vn',
				LIVEKIT_URL: 'wss://lk.example.vn',
				LIVEKIT_API_KEY: 'k',
				LIVEKIT_API_SECRET: 'short'
			})
		).toMatch(/^LIVEKIT_API_SECRET:/);
	});

	it('caps live connections per session and per address, configurably', () => {
		expect(loadConfig({}).live).toEqual({
			maxConnectionsPerSession: 20,
			maxConnectionsPerAddress: 200
		});
		const set = loadConfig({
			LIVE_MAX_CONNECTIONS_PER_SESSION: '5',
			LIVE_MAX_CONNECTIONS_PER_ADDRESS: '5000'
		});
		expect(set.live).toEqual({ maxConnectionsPerSession: 5, maxConnectionsPerAddress: 5000 });
		expect(problem({ LIVE_MAX_CONNECTIONS_PER_SESSION: '0' })).toMatch(
			/^LIVE_MAX_CONNECTIONS_PER_SESSION: must be between 1 and/
		);
		expect(problem({ LIVE_MAX_CONNECTIONS_PER_ADDRESS: 'many' })).toMatch(
			/^LIVE_MAX_CONNECTIONS_PER_ADDRESS: must be a whole number/
		);
	});

	it('sizes the PDF render pool and its queue, configurably', () => {
		const fallback = loadConfig({}).documents;
		expect(fallback.queueLimit).toBe(50);
		expect(fallback.workers).toBe(availableParallelism() > 2 ? 2 : 1);
		// Render threads yield to the event loop by default (the lowest priority).
		expect(fallback.renderNice).toBe(19);
		// and take a quarter of a core each while sittings are live.
		expect(fallback.liveShare).toBe(0.25);
		expect(
			loadConfig({
				PDF_WORKERS: '3',
				PDF_QUEUE_LIMIT: '0',
				PDF_RENDER_NICE: '5',
				PDF_LIVE_CPU_PERCENT: '100'
			}).documents
		).toEqual({
			workers: 3,
			queueLimit: 0,
			renderNice: 5,
			liveShare: 1,
			signing: null
		});
		expect(problem({ PDF_LIVE_CPU_PERCENT: '0' })).toMatch(
			/^PDF_LIVE_CPU_PERCENT: must be between 5 and 100/
		);
		expect(problem({ PDF_LIVE_CPU_PERCENT: '25%' })).toMatch(
			/^PDF_LIVE_CPU_PERCENT: must be a whole number/
		);
		expect(problem({ PDF_WORKERS: '0' })).toMatch(/^PDF_WORKERS: must be between 1 and 16/);
		expect(problem({ PDF_WORKERS: '1e3' })).toMatch(/^PDF_WORKERS: must be a whole number/);
		expect(problem({ PDF_QUEUE_LIMIT: '-1' })).toMatch(/^PDF_QUEUE_LIMIT: must be a whole number/);
	});

	it('checkpoints the write-ahead log every 500 ms unless told otherwise, within bounds', () => {
		expect(loadConfig({}).walCheckpointMs).toBe(500);
		expect(loadConfig({ WAL_CHECKPOINT_MS: '2000' }).walCheckpointMs).toBe(2000);
		expect(problem({ WAL_CHECKPOINT_MS: '10' })).toMatch(/^WAL_CHECKPOINT_MS: must be between 50/);
		expect(problem({ WAL_CHECKPOINT_MS: 'often' })).toMatch(
			/^WAL_CHECKPOINT_MS: must be a whole number/
		);
	});

	it('has no LiveKit in production unless configured', () => {
		expect(loadConfig({ NODE_ENV: 'production', ORIGIN: 'https://o.vn' }).livekit).toBeNull();
	});

	it('reads SMTP_URL and SMTP_FROM together, never echoing a password it cannot parse', () => {
		expect(loadConfig({}).smtp).toBeNull();
		expect(
			loadConfig({ SMTP_URL: 'smtp://u:p@mail.test:587', SMTP_FROM: 'OCOP <ocop@x.vn>' }).smtp
		).toEqual({ url: 'smtp://u:p@mail.test:587', from: 'OCOP <ocop@x.vn>' });
		expect(problem({ SMTP_URL: 'smtp://mail.test' })).toMatch(/^SMTP_FROM: is required/);
		expect(problem({ SMTP_FROM: 'ocop@x.vn' })).toMatch(/^SMTP_URL: is required/);
		expect(problem({ SMTP_URL: 'http://mail.test', SMTP_FROM: 'a@b' })).toMatch(
			/^SMTP_URL: must use smtp: or smtps:/
		);
		const bad = problem({ SMTP_URL: 'smtp://u:s3cr3t@[bad', SMTP_FROM: 'a@b' });
		expect(bad).toMatch(/^SMTP_URL: must be a URL/);
		expect(bad).not.toContain('s3cr3t');
		expect(problem({ SMTP_URL: 'smtp://mail.test', SMTP_FROM: 'nobody' })).toMatch(/^SMTP_FROM/);
	});

	it('reads DOCUMENT_P12 and its passphrase, refusing a missing file or a lone passphrase', () => {
		expect(loadConfig({}).documents.signing).toBeNull();
		expect(loadConfig({ DOCUMENT_P12: 'demo' }).documents.signing).toEqual({
			p12: 'demo',
			passphrase: '',
			signerName: 'Cơ quan thường trực Chương trình OCOP'
		});
		const file = fileURLToPath(import.meta.url); // any readable file: read as a .p12 later
		expect(
			loadConfig({
				DOCUMENT_P12: file,
				DOCUMENT_P12_PASSPHRASE: 'pw',
				DOCUMENT_SIGNER_NAME: 'Sở NN&MT'
			}).documents.signing
		).toEqual({ p12: file, passphrase: 'pw', signerName: 'Sở NN&MT' });
		const missing = problem({ DOCUMENT_P12: '/no/such/file.p12', DOCUMENT_P12_PASSPHRASE: 'x1' });
		expect(missing).toMatch(/^DOCUMENT_P12: names no readable file/);
		expect(missing).not.toContain('x1');
		expect(problem({ DOCUMENT_P12_PASSPHRASE: 'x1' })).toMatch(/^DOCUMENT_P12: is required/);
	});
});

describe('the Ministry settings', () => {
	it('reads the level and the trusted keys, and refuses a bad level or an unreadable key', async () => {
		const { generateKeyPairSync } = await import('node:crypto');
		const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
		const { tmpdir } = await import('node:os');
		const { join } = await import('node:path');
		const dir = mkdtempSync(join(tmpdir(), 'ocop-trust-'));
		const good = join(dir, 'central.pem');
		writeFileSync(
			good,
			generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' })
		);
		const rsa = join(dir, 'rsa.pem');
		writeFileSync(
			rsa,
			generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({
				type: 'spki',
				format: 'pem'
			})
		);
		expect(loadConfig({}).ministry).toEqual({ level: 'province', trustedKeys: [] });
		expect(loadConfig({ OCOP_LEVEL: 'central', OCOP_TRUSTED_KEYS: ` ${good} ,` }).ministry).toEqual(
			{
				level: 'central',
				trustedKeys: [good]
			}
		);
		expect(() => loadConfig({ OCOP_LEVEL: 'ministry' })).toThrow(/OCOP_LEVEL/);
		for (const bad of [join(dir, 'missing.pem'), rsa, `${good},${join(dir, 'typo.pem')}`])
			expect(() => loadConfig({ OCOP_TRUSTED_KEYS: bad })).toThrow(ConfigError);
		rmSync(dir, { recursive: true, force: true });
	});
});

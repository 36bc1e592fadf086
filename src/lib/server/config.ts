import { createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseReadyRequirements, type ReadyRequirements } from '../domain/dossier-requirements';

/**
 * Configuration, read once from the environment and validated. A missing or bad value stops
 * the process with the variable's name (see `.env.example` for every variable).
 */
export interface Config {
	dev: boolean;
	port: number;
	host: string;
	/** Public origin of the app, e.g. https://ocop.danang.gov.vn. Upgrades from others are refused. */
	origin: string;
	databaseUrl: string;
	uploadDir: string;
	session: { idleMinutes: number; absoluteHours: number };
	login: { maxFailuresPerAccount: number; maxFailuresPerAddress: number; windowMinutes: number };
	invitationHours: number;
	livekit: { url: string; apiKey: string; apiSecret: string } | null;
	/**
	 * Reverse proxies in front of the app that append to X-Forwarded-For; 0 ignores the header.
	 * `TRUST_PROXY` is true/false (1/0) or the number of proxies (server/client-address.ts).
	 */
	trustProxy: number;
	/** `REQUIRED_DOCUMENTS`: the office's documents a dossier needs before the council, per sector. */
	readyRequirements: ReadyRequirements;
	/**
	 * `PUBLIC_WARM_PAGES`: public pages rendered ahead of readers after a start and after each
	 * publication, at most (server/public-warm.ts); 0 leaves every page to its first reader.
	 */
	publicWarmPages: number;
	/**
	 * `WAL_CHECKPOINT_MS`: how often the server's checkpoint thread copies SQLite's write-ahead log
	 * back into the database (server/checkpointer.ts); 500 ms keeps the log a few hundred pages.
	 */
	walCheckpointMs: number;
	/** Open live connections (socket.io and Yjs together) one session, and one address, may hold. */
	live: { maxConnectionsPerSession: number; maxConnectionsPerAddress: number };
	/**
	 * PDF rendering off the event loop (documents/render-pool.ts): `PDF_WORKERS` threads, and
	 * `PDF_QUEUE_LIMIT` documents that may wait for one before a request is answered "busy".
	 * `PDF_RENDER_NICE`: the render threads' nice value (19, the lowest priority, by default).
	 */
	documents: {
		workers: number;
		queueLimit: number;
		renderNice: number;
		/** `PDF_LIVE_CPU_PERCENT` ÷ 100: each render thread's share of a core while sittings are live. */
		liveShare: number;
		signing: DocumentSigning | null;
	};
	/** `SMTP_URL` and `SMTP_FROM`: notifications are also e-mailed when set; null sends nothing. */
	smtp: { url: string; from: string } | null;
	/**
	 * `OCOP_LEVEL`: a province's deployment (sends 5★ candidates to the Ministry) or the central
	 * one (receives them and answers). `OCOP_TRUSTED_KEYS`: comma-separated PEM public keys of the
	 * deployments whose packages this one accepts (ministry/package.ts).
	 */
	ministry: { level: 'province' | 'central'; trustedKeys: string[] };
}

/**
 * `DOCUMENT_P12`: the issuing body's PKCS#12 file that signs the PDFs (PAdES), or `demo` for a
 * self-signed one; `DOCUMENT_P12_PASSPHRASE` its passphrase, `DOCUMENT_SIGNER_NAME` the name
 * readers show. Unset: documents are issued unsigned.
 */
export interface DocumentSigning {
	/** A file path, or `demo`. */
	p12: string;
	passphrase: string;
	signerName: string;
}

export class ConfigError extends Error {
	constructor(
		readonly variable: string,
		problem: string
	) {
		super(`${variable}: ${problem}`);
		this.name = 'ConfigError';
	}
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	if (!/^\d+$/.test(raw.trim()))
		throw new ConfigError(name, `must be a whole number, got "${raw}"`);
	const value = Number(raw);
	if (value < min || value > max)
		throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
	return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
	const raw = env[name]?.trim().toLowerCase();
	if (raw === undefined || raw === '') return fallback;
	if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
	if (['0', 'false', 'no', 'off'].includes(raw)) return false;
	throw new ConfigError(name, `must be true or false, got "${env[name]}"`);
}

/** A yes/no that may also be a count: true means 1, false means 0. */
function flagOrCount(env: Env, name: string, max: number): number {
	const raw = env[name]?.trim().toLowerCase();
	if (raw && /^\d+$/.test(raw)) return int(env, name, 0, 0, max);
	try {
		return bool(env, name, false) ? 1 : 0;
	} catch {
		throw new ConfigError(name, `must be true, false or a number up to ${max}, got "${env[name]}"`);
	}
}

function url(env: Env, name: string, fallback: string | undefined, protocols: string[]): string {
	const raw = env[name]?.trim() || fallback;
	if (!raw) throw new ConfigError(name, 'is required');
	let parsed: URL;
	try {
		parsed = new URL(raw);
	} catch {
		throw new ConfigError(name, `must be a URL, got "${raw}"`);
	}
	if (!protocols.includes(parsed.protocol))
		throw new ConfigError(name, `must use ${protocols.join(' or ')}, got "${parsed.protocol}"`);
	return raw.replace(/\/+$/, '');
}

function livekit(env: Env, dev: boolean): Config['livekit'] {
	const given = ['LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET'].filter((n) => env[n]);
	if (given.length === 0) {
		// Development talks to `livekit-server --dev` on its default port with its default keys.
		return dev ? { url: 'ws://127.0.0.1:7880', apiKey: 'devkey', apiSecret: 'secret' } : null;
	}
	for (const name of ['LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET'])
		if (!env[name]) throw new ConfigError(name, 'is required when any LIVEKIT_* variable is set');
	const secret = env.LIVEKIT_API_SECRET!;
	if (!dev && secret.length < 32)
		throw new ConfigError('LIVEKIT_API_SECRET', 'must be at least 32 characters in production');
	return {
		url: url(env, 'LIVEKIT_URL', undefined, ['ws:', 'wss:', 'http:', 'https:']),
		apiKey: env.LIVEKIT_API_KEY!,
		apiSecret: secret
	};
}

function readyRequirements(env: Env): ReadyRequirements {
	try {
		return parseReadyRequirements(env.REQUIRED_DOCUMENTS);
	} catch (e) {
		throw new ConfigError('REQUIRED_DOCUMENTS', (e as Error).message);
	}
}

function smtp(env: Env): Config['smtp'] {
	const raw = env.SMTP_URL?.trim();
	const from = env.SMTP_FROM?.trim();
	if (!raw) {
		if (from) throw new ConfigError('SMTP_URL', 'is required when SMTP_FROM is set');
		return null;
	}
	let parsed: URL;
	try {
		parsed = new URL(raw);
	} catch {
		// The value may hold a password: never echo it.
		throw new ConfigError('SMTP_URL', 'must be a URL like smtp://user:pass@host:587');
	}
	if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:')
		throw new ConfigError('SMTP_URL', `must use smtp: or smtps:, got "${parsed.protocol}"`);
	if (!parsed.hostname) throw new ConfigError('SMTP_URL', 'must name a host');
	if (!from) throw new ConfigError('SMTP_FROM', 'is required when SMTP_URL is set');
	if (!/^[^\s@<>]+@[^\s@<>]+$|^[^<>]*<[^\s@<>]+@[^\s@<>]+>$/.test(from))
		throw new ConfigError(
			'SMTP_FROM',
			`must be an address like "OCOP <ocop@example.vn>", got "${from}"`
		);
	return { url: raw, from };
}

function documentSigning(env: Env): DocumentSigning | null {
	const p12 = env.DOCUMENT_P12?.trim();
	const passphrase = env.DOCUMENT_P12_PASSPHRASE ?? '';
	if (!p12) {
		if (passphrase)
			throw new ConfigError('DOCUMENT_P12', 'is required when DOCUMENT_P12_PASSPHRASE is set');
		return null;
	}
	if (p12 !== 'demo' && !existsSync(p12))
		throw new ConfigError('DOCUMENT_P12', `names no readable file: "${p12}"`);
	return {
		p12,
		passphrase,
		signerName: env.DOCUMENT_SIGNER_NAME?.trim() || 'Cơ quan thường trực Chương trình OCOP'
	};
}

function ministry(env: Env): Config['ministry'] {
	const level = env.OCOP_LEVEL?.trim() || 'province';
	if (level !== 'province' && level !== 'central')
		throw new ConfigError('OCOP_LEVEL', `must be province or central, got "${level}"`);
	const trustedKeys = (env.OCOP_TRUSTED_KEYS ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	// At start: a typo must not silently trust nobody (every package would then be refused).
	for (const path of trustedKeys) {
		let ok = false;
		try {
			ok = createPublicKey(readFileSync(path, 'utf8')).asymmetricKeyType === 'ed25519';
		} catch {
			ok = false;
		}
		if (!ok)
			throw new ConfigError(
				'OCOP_TRUSTED_KEYS',
				`${path}: not a readable Ed25519 public key (PEM)`
			);
	}
	return { level, trustedKeys };
}

export function loadConfig(env: Env = process.env): Config {
	const nodeEnv = env.NODE_ENV ?? 'development';
	if (!['development', 'production', 'test'].includes(nodeEnv))
		throw new ConfigError('NODE_ENV', `must be development, production or test, got "${nodeEnv}"`);
	const dev = nodeEnv !== 'production';
	const port = int(env, 'PORT', 3000, 0, 65535);
	const host = env.HOST?.trim() || '0.0.0.0';
	const origin = url(env, 'ORIGIN', dev ? `http://localhost:${port}` : undefined, [
		'http:',
		'https:'
	]);
	const idleMinutes = int(env, 'SESSION_IDLE_MINUTES', 120, 5, 7 * 24 * 60);
	const absoluteHours = int(env, 'SESSION_ABSOLUTE_HOURS', 14, 1, 24 * 30);
	if (idleMinutes > absoluteHours * 60)
		throw new ConfigError('SESSION_IDLE_MINUTES', 'must not exceed SESSION_ABSOLUTE_HOURS × 60');
	return {
		dev,
		port,
		host,
		origin,
		databaseUrl: env.DATABASE_URL?.trim() || 'data/ocop.db',
		uploadDir: env.UPLOAD_DIR?.trim() || 'data/uploads',
		session: { idleMinutes, absoluteHours },
		login: {
			maxFailuresPerAccount: int(env, 'LOGIN_MAX_FAILURES', 5, 1, 1000),
			maxFailuresPerAddress: int(env, 'LOGIN_MAX_FAILURES_PER_ADDRESS', 20, 1, 10000),
			windowMinutes: int(env, 'LOGIN_LOCK_MINUTES', 15, 1, 24 * 60)
		},
		invitationHours: int(env, 'INVITATION_HOURS', 72, 1, 24 * 30),
		livekit: livekit(env, dev),
		trustProxy: flagOrCount(env, 'TRUST_PROXY', 5),
		publicWarmPages: int(env, 'PUBLIC_WARM_PAGES', 500, 0, 2000),
		walCheckpointMs: int(env, 'WAL_CHECKPOINT_MS', 500, 50, 86_400_000),
		readyRequirements: readyRequirements(env),
		live: {
			maxConnectionsPerSession: int(env, 'LIVE_MAX_CONNECTIONS_PER_SESSION', 20, 1, 1000),
			maxConnectionsPerAddress: int(env, 'LIVE_MAX_CONNECTIONS_PER_ADDRESS', 200, 1, 100_000)
		},
		documents: {
			// One thread of a two-core server stays free for live sittings.
			workers: int(env, 'PDF_WORKERS', availableParallelism() > 2 ? 2 : 1, 1, 16),
			queueLimit: int(env, 'PDF_QUEUE_LIMIT', 50, 0, 10_000),
			// The live event loop must win the core whenever both want it (see render-pool.ts).
			renderNice: int(env, 'PDF_RENDER_NICE', 19, 0, 19),
			// Documents give way to live scoring (render-pool.ts, rest).
			liveShare: int(env, 'PDF_LIVE_CPU_PERCENT', 25, 5, 100) / 100,
			signing: documentSigning(env)
		},
		smtp: smtp(env),
		ministry: ministry(env)
	};
}

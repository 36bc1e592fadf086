// The issuing body's Ed25519 key. A hash chain only proves that records agree with each other;
// a signature proves who issued them, so a forger who re-hashes a bundle with the app's own
// function still cannot produce a bundle that `ocop verify --key` accepts.
// Relative imports only: the CLI runs this through tsx.

import {
	createHash,
	createPrivateKey,
	createPublicKey,
	generateKeyPairSync,
	sign,
	verify,
	type KeyObject
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from './config';

export const SIGNING_KEY_ENV = 'OCOP_SIGNING_KEY';
export const DEFAULT_KEY_FILE = 'ocop-signing-key.pem';

export interface SigningKey {
	privateKey: KeyObject;
	publicKey: KeyObject;
	publicPem: string;
	/** SHA-256 of the public key (SPKI DER), hex: what people compare by eye or phone. */
	fingerprint: string;
}

type Env = Record<string, string | undefined>;

/**
 * Where the key lives: OCOP_SIGNING_KEY, else beside the database (so the demo and a default
 * start keep theirs under data/). Null for an in-memory database without the variable.
 */
export function signingKeyPath(dbFile: string, env: Env = process.env): string | null {
	const given = env[SIGNING_KEY_ENV]?.trim();
	if (given) return resolve(given);
	if (!dbFile || dbFile === ':memory:') return null;
	return join(dirname(resolve(dbFile)), DEFAULT_KEY_FILE);
}

export function fingerprintOf(publicKey: KeyObject): string {
	return createHash('sha256')
		.update(publicKey.export({ type: 'spki', format: 'der' }))
		.digest('hex');
}

function fromPrivate(privateKey: KeyObject): SigningKey {
	if (privateKey.asymmetricKeyType !== 'ed25519')
		throw new ConfigError(SIGNING_KEY_ENV, 'the key must be an Ed25519 private key');
	const publicKey = createPublicKey(privateKey);
	return {
		privateKey,
		publicKey,
		publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
		fingerprint: fingerprintOf(publicKey)
	};
}

const cache = new Map<string, SigningKey>();
let ephemeral: SigningKey | null = null;

/**
 * The deployment's key. A configured key must exist (a typo must not silently mint a new issuer);
 * the default one is created at first use, readable by the app's user only, and kept.
 */
export function loadSigningKey(dbFile: string, env: Env = process.env): SigningKey {
	const path = signingKeyPath(dbFile, env);
	if (!path) return (ephemeral ??= fromPrivate(generateKeyPairSync('ed25519').privateKey));
	const hit = cache.get(path);
	if (hit) return hit;
	if (!existsSync(path)) {
		if (env[SIGNING_KEY_ENV]?.trim())
			throw new ConfigError(SIGNING_KEY_ENV, `${path}: no such key file`);
		const { privateKey } = generateKeyPairSync('ed25519');
		mkdirSync(dirname(path), { recursive: true });
		const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
		// wx: two processes starting at once must not each write a different key.
		try {
			writeFileSync(path, pem, { mode: 0o600, flag: 'wx' });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
	}
	let key: SigningKey;
	try {
		key = fromPrivate(createPrivateKey(readFileSync(path)));
	} catch (error) {
		if (error instanceof ConfigError) throw error;
		throw new ConfigError(SIGNING_KEY_ENV, `${path}: not a PEM private key`);
	}
	cache.set(path, key);
	return key;
}

/** A public key from PEM text (the file published at /.well-known/ocop-signing-key.pem). */
export function parsePublicKey(pem: string): KeyObject | null {
	try {
		const key = createPublicKey(pem);
		return key.asymmetricKeyType === 'ed25519' ? key : null;
	} catch {
		return null;
	}
}

export function signText(key: SigningKey, text: string): string {
	return sign(null, Buffer.from(text, 'utf8'), key.privateKey).toString('base64');
}

export function verifyText(publicKey: KeyObject, text: string, signature: unknown): boolean {
	if (typeof signature !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return false;
	try {
		return verify(null, Buffer.from(text, 'utf8'), publicKey, Buffer.from(signature, 'base64'));
	} catch {
		return false;
	}
}

/** The deployment's public key if its private key file exists; never creates one. */
export function existingPublicKey(dbFile: string, env: Env = process.env): KeyObject | null {
	const path = signingKeyPath(dbFile, env);
	if (!path || !existsSync(path)) return null;
	try {
		return createPublicKey(createPrivateKey(readFileSync(path)));
	} catch {
		return null;
	}
}

/**
 * `--key SOURCE`: a PEM file, or the http(s) address where a deployment publishes its key
 * (e.g. https://ocop.example.gov.vn/.well-known/ocop-signing-key.pem). Returns an error text.
 */
export async function readPublicKey(source: string): Promise<KeyObject | string> {
	let text: string;
	try {
		if (/^https?:\/\//i.test(source)) {
			const res = await fetch(source, { signal: AbortSignal.timeout(10_000) });
			if (!res.ok) return `${source}: HTTP ${res.status}`;
			text = await res.text();
		} else text = readFileSync(source, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		return `${source}: cannot read the key (${code ?? (error as Error).message})`;
	}
	return parsePublicKey(text) ?? `${source}: not an Ed25519 public key in PEM form`;
}

// The issuer's key as the deployment loads it, and the signed chain head: a configured key must
// exist and be Ed25519 (a typo must not mint a new issuer), the default key is made private and
// kept, and every field of a signed head is covered by its signature.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { headSignatureValid, signHead } from '../../src/lib/server/chain-head';
import { ConfigError } from '../../src/lib/server/config';
import { loadSigningKey, parsePublicKey } from '../../src/lib/server/signing';

const dir = mkdtempSync(join(tmpdir(), 'ocop-key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the signing key', () => {
	it('is made beside the database once, readable by its owner only, and kept', () => {
		const db = join(dir, 'a', 'ocop.db');
		const key = loadSigningKey(db, {});
		const file = join(dir, 'a', 'ocop-signing-key.pem');
		expect(statSync(file).mode & 0o777).toBe(0o600);
		const pem = readFileSync(file, 'utf8');
		expect(loadSigningKey(db, {}).fingerprint).toBe(key.fingerprint);
		expect(readFileSync(file, 'utf8')).toBe(pem);
		expect(parsePublicKey(key.publicPem)).not.toBeNull();
	});

	it('uses a configured key, and refuses one that is missing or not Ed25519', () => {
		const own = join(dir, 'own.pem');
		const pair = generateKeyPairSync('ed25519');
		writeFileSync(own, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
		const key = loadSigningKey(join(dir, 'b', 'ocop.db'), { OCOP_SIGNING_KEY: own });
		expect(key.publicPem).toBe(pair.publicKey.export({ type: 'spki', format: 'pem' }));
		const missing = () =>
			loadSigningKey(join(dir, 'c.db'), { OCOP_SIGNING_KEY: join(dir, 'nope.pem') });
		expect(missing).toThrow(ConfigError);
		expect(missing).toThrow(/OCOP_SIGNING_KEY: .*no such key file/);
		const rsa = join(dir, 'rsa.pem');
		writeFileSync(
			rsa,
			generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
				type: 'pkcs8',
				format: 'pem'
			})
		);
		expect(() => loadSigningKey(join(dir, 'd.db'), { OCOP_SIGNING_KEY: rsa })).toThrow(
			/must be an Ed25519 private key/
		);
		const junk = join(dir, 'junk.pem');
		writeFileSync(junk, 'not a key');
		expect(() => loadSigningKey(join(dir, 'e.db'), { OCOP_SIGNING_KEY: junk })).toThrow(
			/not a PEM private key/
		);
		expect(parsePublicKey('not a key')).toBeNull();
	});
});

describe('a signed chain head', () => {
	it('verifies as signed, and not after any field changes or with another key', () => {
		const key = loadSigningKey(join(dir, 'h', 'ocop.db'), {});
		const other = loadSigningKey(join(dir, 'i', 'ocop.db'), {});
		const head = signHead(key, { seq: 7, hash: 'a'.repeat(64) }, 1_000);
		expect(headSignatureValid(head, key.publicKey)).toBe(true);
		expect(headSignatureValid(head, other.publicKey)).toBe(false);
		for (const changed of [
			{ ...head, seq: 6 },
			{ ...head, hash: 'b'.repeat(64) },
			{ ...head, at: 1_001 },
			{ ...head, key: other.fingerprint },
			{ ...head, signature: head.signature.slice(0, -4) + 'AAA=' },
			{ ...head, signature: 'not base64!' }
		])
			expect(headSignatureValid(changed, key.publicKey)).toBe(false);
	});
});

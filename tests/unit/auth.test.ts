import { describe, expect, it } from 'vitest';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { hashPassword, passwordProblem, verifyPassword } from '../../src/lib/server/auth/password';
import {
	generateToken,
	hashToken,
	readCookie,
	sessionCookieAttributes
} from '../../src/lib/server/auth/session';

describe('password hashing', () => {
	it('round-trips with argon2id and rejects a wrong password', async () => {
		const hash = await hashPassword('mật-khẩu-rất-dài-123');
		expect(hash.startsWith('$argon2id$')).toBe(true);
		expect(await verifyPassword(hash, 'mật-khẩu-rất-dài-123')).toBe(true);
		expect(await verifyPassword(hash, 'mật-khẩu-rất-dài-124')).toBe(false);
	});

	it('salts: the same password hashes differently', async () => {
		expect(await hashPassword('same-password-1')).not.toBe(await hashPassword('same-password-1'));
	});

	it('treats a malformed stored hash as a failed check, not a crash', async () => {
		expect(await verifyPassword('not-a-hash', 'whatever-123')).toBe(false);
	});

	it('names the problem with a new password', () => {
		expect(passwordProblem('short')).toBe('password.tooShort');
		expect(passwordProblem('x'.repeat(300))).toBe('password.tooLong');
		expect(passwordProblem('nguyenvan-2026', 'nguyenvan@ocop.vn')).toBe('password.containsEmail');
		expect(passwordProblem('a-good-long-password', 'ha@ocop.vn')).toBeNull();
	});
});

describe('session tokens and cookies', () => {
	it('makes 160-bit base32 tokens that differ every time', () => {
		const a = generateToken();
		const b = generateToken();
		expect(a).toMatch(/^[a-z2-7]{32}$/);
		expect(a).not.toBe(b);
	});

	it('stores the SHA-256 of the token, never the token', () => {
		const token = generateToken();
		const id = hashToken(token);
		expect(id).toMatch(/^[0-9a-f]{64}$/);
		expect(id).not.toContain(token);
		expect(hashToken(token)).toBe(id);
	});

	it('sets httpOnly, SameSite=Lax, path / and Secure outside development', () => {
		const session = { id: 'x', userId: 'u', expiresAt: 1000, absoluteExpiresAt: 5000 };
		const prod = sessionCookieAttributes(session, true);
		expect(prod).toEqual({
			httpOnly: true,
			sameSite: 'lax',
			secure: true,
			path: '/',
			expires: new Date(5000)
		});
		expect(sessionCookieAttributes(session, false).secure).toBe(false);
	});

	it('reads one cookie out of a raw header', () => {
		expect(readCookie('a=1; ocop_session=abc; b=2', 'ocop_session')).toBe('abc');
		expect(readCookie('a=1', 'ocop_session')).toBeNull();
		expect(readCookie(undefined, 'ocop_session')).toBeNull();
		expect(readCookie('ocop_session=%E0%A4%A', 'ocop_session')).toBeNull();
	});
});

describe('session ids', () => {
	it('are the SHA-256 the sessions were always stored under, so none ends on an upgrade', () => {
		// Sessions stored by earlier versions used @oslojs' SHA-256 of the token's UTF-8 bytes.
		const oslo = (t: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(t)));
		for (const token of [generateToken(), generateToken(), 'ngắn', ''])
			expect(hashToken(token)).toBe(oslo(token));
		expect(hashToken('a')).not.toBe(hashToken('b'));
	});
});

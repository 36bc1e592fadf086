import { and, eq, gte, inArray, lt, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import { loginAttempts, users } from '../db/schema';
import { addressBucket } from '../address-bucket';
import { decoyHash, verifyPassword } from './password';

export interface LoginPolicy {
	/** Failures on one account from one address (its bucket) before that address is refused it. */
	maxFailuresPerAccount: number;
	maxFailuresPerAddress: number;
	windowMinutes: number;
}

export type LoginResult =
	| { ok: true; userId: string }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'locked'; retryAfterMinutes: number };

export function normalizeEmail(email: string): string {
	return email.trim().toLowerCase();
}

function failuresSince(db: Db, key: string, since: number): number[] {
	return db
		.select({ at: loginAttempts.at })
		.from(loginAttempts)
		.where(and(eq(loginAttempts.key, key), gte(loginAttempts.at, since)))
		.all()
		.map((r) => r.at);
}

/**
 * Failures on one account from anywhere, as a multiple of the per-address limit, before the
 * account is refused to everyone: a guess spread over many addresses.
 */
export const ACCOUNT_SPREAD = 10;

/**
 * Checks a password with throttling per account and address, per address, and per account from
 * anywhere. The message for a wrong password is the same whether or not the email exists, and
 * an unknown email still costs one argon2 verification, so neither the answer nor its timing
 * reveals which accounts exist.
 *
 * An account's failures are counted per address first: five wrong passwords typed by someone
 * else (an outside probe did it, to keep a chair out before a sitting) refuse that someone, not
 * the account's owner signing in from their own address. Only a guess spread over many
 * addresses (ten times the limit) refuses the account to everyone until the window passes.
 */
export async function attemptLogin(
	db: Db,
	input: { email: string; password: string; address: string },
	policy: LoginPolicy,
	now: number
): Promise<LoginResult> {
	const email = normalizeEmail(input.email);
	const windowMs = policy.windowMinutes * 60_000;
	const since = now - windowMs;
	const bucket = addressBucket(input.address);
	const accountKey = `email:${email}`;
	const pairKey = `email-ip:${email}|${bucket}`;
	const addressKey = `ip:${bucket}`;
	const byPair = failuresSince(db, pairKey, since);
	const byAddress = failuresSince(db, addressKey, since);
	const byAccount = failuresSince(db, accountKey, since);
	const lockedBy =
		byPair.length >= policy.maxFailuresPerAccount
			? byPair
			: byAddress.length >= policy.maxFailuresPerAddress
				? byAddress
				: byAccount.length >= policy.maxFailuresPerAccount * ACCOUNT_SPREAD
					? byAccount
					: null;
	if (lockedBy) {
		const oldest = Math.min(...lockedBy);
		return {
			ok: false,
			reason: 'locked',
			retryAfterMinutes: Math.max(1, Math.ceil((oldest + windowMs - now) / 60_000))
		};
	}
	// Counted as a failure before the verification, which yields to other requests: fifty
	// guesses sent at once all read the same count and were all verified (the limit of five
	// held only for guesses sent one after another). A right password takes its rows back.
	const pending = reserve(db, [accountKey, pairKey, addressKey], now);
	const user = db.select().from(users).where(eq(users.email, email)).get();
	const hash = user?.passwordHash ?? (await decoyHash());
	const good = (await verifyPassword(hash, input.password)) && !!user?.passwordHash;
	if (!good || !user || user.disabled) {
		// Old attempts are useless once outside every window; keep the table small.
		db.delete(loginAttempts)
			.where(lt(loginAttempts.at, now - 24 * 60 * 60_000))
			.run();
		return { ok: false, reason: 'invalid' };
	}
	// The owner's own slips from this address are forgiven; a spread guess keeps counting.
	db.delete(loginAttempts)
		.where(or(inArray(loginAttempts.id, pending), eq(loginAttempts.key, pairKey)))
		.run();
	return { ok: true, userId: user.id };
}

/** One failure per key, written now; the ids, to take them back on a right password. */
function reserve(db: Db, keys: string[], now: number): number[] {
	return db
		.insert(loginAttempts)
		.values(keys.map((key) => ({ key, at: now })))
		.returning({ id: loginAttempts.id })
		.all()
		.map((r) => r.id);
}

/**
 * The current password asked again to change it, throttled as a sign-in is: a session left open
 * (or stolen) must not become a way to guess the password behind it. Failures count per account
 * within the same window as sign-in's; a right answer forgives them.
 */
export async function checkCurrentPassword(
	db: Db,
	user: { id: string; passwordHash: string | null },
	password: string,
	policy: LoginPolicy,
	now: number
): Promise<{ ok: true } | { ok: false; retryAfterMinutes?: number }> {
	const windowMs = policy.windowMinutes * 60_000;
	const key = `password-change:${user.id}`;
	const failures = failuresSince(db, key, now - windowMs);
	if (failures.length >= policy.maxFailuresPerAccount)
		return {
			ok: false,
			retryAfterMinutes: Math.max(1, Math.ceil((Math.min(...failures) + windowMs - now) / 60_000))
		};
	// Counted before the verification yields, as a sign-in is (guesses sent at once).
	reserve(db, [key], now);
	if (user.passwordHash && (await verifyPassword(user.passwordHash, password))) {
		db.delete(loginAttempts).where(eq(loginAttempts.key, key)).run();
		return { ok: true };
	}
	return { ok: false };
}

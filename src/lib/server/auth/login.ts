import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { loginAttempts, users } from '../db/schema';
import { addressBucket } from '../address-bucket';
import { decoyHash, verifyPassword } from './password';

export interface LoginPolicy {
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
 * Checks a password with throttling per account and per address. The message for a wrong
 * password is the same whether or not the email exists, and an unknown email still costs one
 * argon2 verification, so neither the answer nor its timing reveals which accounts exist.
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
	const accountKey = `email:${email}`;
	const addressKey = `ip:${addressBucket(input.address)}`;
	const byAccount = failuresSince(db, accountKey, since);
	const byAddress = failuresSince(db, addressKey, since);
	const lockedBy =
		byAccount.length >= policy.maxFailuresPerAccount
			? byAccount
			: byAddress.length >= policy.maxFailuresPerAddress
				? byAddress
				: null;
	if (lockedBy) {
		const oldest = Math.min(...lockedBy);
		return {
			ok: false,
			reason: 'locked',
			retryAfterMinutes: Math.max(1, Math.ceil((oldest + windowMs - now) / 60_000))
		};
	}
	const user = db.select().from(users).where(eq(users.email, email)).get();
	const hash = user?.passwordHash ?? (await decoyHash());
	const good = (await verifyPassword(hash, input.password)) && !!user?.passwordHash;
	if (!good || !user || user.disabled) {
		db.insert(loginAttempts)
			.values([
				{ key: accountKey, at: now },
				{ key: addressKey, at: now }
			])
			.run();
		// Old attempts are useless once outside every window; keep the table small.
		db.delete(loginAttempts)
			.where(lt(loginAttempts.at, now - 24 * 60 * 60_000))
			.run();
		return { ok: false, reason: 'invalid' };
	}
	db.delete(loginAttempts)
		.where(inArray(loginAttempts.key, [accountKey]))
		.run();
	return { ok: true, userId: user.id };
}

import { and, count, eq, gte, lt, min } from 'drizzle-orm';
import type { Q } from './db/client';
import { invitations, loginAttempts } from './db/schema';
import { addressBucket } from './address-bucket';

/**
 * Limits on invitation links. Both are counted in the database, like the sign-in lock-out, so a
 * restart (or a crash the attacker provokes) does not reset them and the client holds nothing
 * it could reset: the address comes from the connection and the issuer from the session.
 */
export const INVITATION_LIMITS = {
	/**
	 * Invalid, used or expired links opened from one address in the window; then every link,
	 * a good one included, is refused from that address until the oldest failure leaves it.
	 * Same figures as sign-in per address; the counter is separate so one does not lock the other.
	 */
	maxBadLinksPerAddress: 20,
	badLinkWindowMinutes: 15,
	/**
	 * Invitations one account may issue in any window: a secretary inviting a 15-person council,
	 * and issuing every link a second time, stays within it; a script stops after 30.
	 */
	maxIssuedPerAccount: 30,
	issueWindowMinutes: 10
} as const;

export type Throttle = { ok: true } | { ok: false; retryAfterMinutes: number };

const addressKey = (address: string) => `invite-ip:${addressBucket(address)}`;

function throttle(used: number, oldest: number | null, max: number, windowMs: number, now: number) {
	if (used < max || oldest === null) return { ok: true } as const;
	const retryAfterMinutes = Math.max(1, Math.ceil((oldest + windowMs - now) / 60_000));
	return { ok: false, retryAfterMinutes } as const;
}

/** Whether this address may still try an invitation link. */
export function badLinkThrottle(db: Q, address: string, now: number): Throttle {
	const windowMs = INVITATION_LIMITS.badLinkWindowMinutes * 60_000;
	const row = db
		.select({ n: count(), oldest: min(loginAttempts.at) })
		.from(loginAttempts)
		.where(and(eq(loginAttempts.key, addressKey(address)), gte(loginAttempts.at, now - windowMs)))
		.get();
	return throttle(
		row?.n ?? 0,
		row?.oldest ?? null,
		INVITATION_LIMITS.maxBadLinksPerAddress,
		windowMs,
		now
	);
}

export function recordBadLink(db: Q, address: string, now: number): void {
	db.insert(loginAttempts)
		.values({ key: addressKey(address), at: now })
		.run();
	// Rows outside every window are useless; the sign-in code prunes the same way.
	db.delete(loginAttempts)
		.where(lt(loginAttempts.at, now - 24 * 60 * 60_000))
		.run();
}

/**
 * Whether this account may issue another invitation. The invitations table itself is the count,
 * so it cannot drift from what was issued; call it inside the transaction that inserts.
 */
export function issueThrottle(db: Q, actorId: string, now: number): Throttle {
	const windowMs = INVITATION_LIMITS.issueWindowMinutes * 60_000;
	const row = db
		.select({ n: count(), oldest: min(invitations.createdAt) })
		.from(invitations)
		.where(and(eq(invitations.createdBy, actorId), gte(invitations.createdAt, now - windowMs)))
		.get();
	return throttle(
		row?.n ?? 0,
		row?.oldest ?? null,
		INVITATION_LIMITS.maxIssuedPerAccount,
		windowMs,
		now
	);
}

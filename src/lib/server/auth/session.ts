import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { createHash } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db, Q } from '../db/client';
import type { LiveEffects } from '../live-effects';
import { sessions, users, type AccountRole } from '../db/schema';
import { perConnection } from '../db/per-connection';

/**
 * Sessions as the Lucia guide teaches: a random token goes into the cookie, only its SHA-256 is
 * stored, so a leaked database cannot be replayed as cookies. Expiry slides with use (idle) but
 * never past the absolute lifetime. Time always comes in as an argument (tests inject a clock).
 */
export const SESSION_COOKIE = 'ocop_session';

export interface SessionPolicy {
	idleMs: number;
	absoluteMs: number;
}

export interface SessionUser {
	id: string;
	email: string;
	name: string;
	role: AccountRole;
	organizationId: string | null;
	communeCode: string | null;
}

export interface Session {
	id: string;
	userId: string;
	expiresAt: number;
	absoluteExpiresAt: number;
}

export function generateToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashToken(token: string): string {
	// Node's own SHA-256: every signed-in request hashes its cookie, and the JavaScript one
	// cost the event loop ten times as much.
	return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function createSession(
	db: Db,
	userId: string,
	policy: SessionPolicy,
	now: number
): { token: string; session: Session } {
	const token = generateToken();
	const session: Session = {
		id: hashToken(token),
		userId,
		expiresAt: Math.min(now + policy.idleMs, now + policy.absoluteMs),
		absoluteExpiresAt: now + policy.absoluteMs
	};
	db.insert(sessions)
		.values({ ...session, createdAt: now })
		.run();
	return { token, session };
}

/**
 * Returns the session and its user, or null. Extends the idle expiry only once a good part of
 * the idle window has passed, so a busy page does not write on every request.
 */
export function validateSessionToken(
	db: Db,
	token: string,
	policy: SessionPolicy,
	now: number
): { session: Session; user: SessionUser } | null {
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	return validateSessionId(db, hashToken(token), policy, now);
}

/**
 * The same check by the stored id, for the realtime server re-checking a session it holds a
 * connection for. `touch: false` checks without counting as use (an open socket is not use).
 */
export function validateSessionId(
	db: Db,
	id: string,
	policy: SessionPolicy,
	now: number,
	touch = true
): { session: Session; user: SessionUser } | null {
	const row = sessionQuery(db).get({ id });
	if (!row) return null;
	const { session, user } = row;
	if (now >= session.expiresAt || now >= session.absoluteExpiresAt || user.disabled) {
		db.delete(sessions).where(eq(sessions.id, id)).run();
		return null;
	}
	let expiresAt = session.expiresAt;
	if (touch && session.expiresAt - now < policy.idleMs / 2) {
		expiresAt = Math.min(now + policy.idleMs, session.absoluteExpiresAt);
		db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id)).run();
	}
	return {
		session: {
			id,
			userId: session.userId,
			expiresAt,
			absoluteExpiresAt: session.absoluteExpiresAt
		},
		user: {
			id: user.id,
			email: user.email,
			name: user.name,
			role: user.role,
			organizationId: user.organizationId,
			communeCode: user.communeCode
		}
	};
}

/**
 * Every signed-in request runs this lookup: built once per connection (per-connection.ts), since
 * drizzle's building of the SQL cost the event loop several times SQLite's answer.
 */
const sessionQuery = perConnection((db) =>
	db
		.select({ session: sessions, user: users })
		.from(sessions)
		.innerJoin(users, eq(sessions.userId, users.id))
		.where(eq(sessions.id, sql.placeholder('id')))
		.prepare()
);

/**
 * Whether the account has a session that is still good now (not expired, the account not
 * disabled): a video token outlives the session that asked for it, so the video room asks this.
 */
export function hasValidSession(db: Db, userId: string, now: number): boolean {
	const row = db
		.select({ id: sessions.id })
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(
			and(
				eq(sessions.userId, userId),
				gt(sessions.expiresAt, now),
				gt(sessions.absoluteExpiresAt, now),
				eq(users.disabled, false)
			)
		)
		.get();
	return row !== undefined;
}

/** Ends one session (sign-out); `live` closes its live connections. */
export function invalidateSession(db: Db, sessionId: string, live: LiveEffects): void {
	db.delete(sessions).where(eq(sessions.id, sessionId)).run();
	void live.announce({ kind: 'session-ended', sessionId });
}

/**
 * Ends every session of an account; usually inside a transaction, so the caller calls
 * `announceSessionsEnded` once it has committed (the realtime server re-reads the database).
 */
export function invalidateUserSessions(db: Q, userId: string): void {
	db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

/** Closes the live connections of `userId`'s sessions that are no longer valid. */
export function announceSessionsEnded(live: LiveEffects, userId: string): void {
	void live.announce({ kind: 'user-sessions-ended', userId });
}

export interface CookieAttributes {
	httpOnly: true;
	sameSite: 'lax';
	secure: boolean;
	path: '/';
	expires: Date;
}

/** Secure everywhere except plain-http development. */
export function sessionCookieAttributes(session: Session, secure: boolean): CookieAttributes {
	return {
		httpOnly: true,
		sameSite: 'lax',
		secure,
		path: '/',
		expires: new Date(session.absoluteExpiresAt)
	};
}

/** Reads one cookie from a raw Cookie header (socket.io and Yjs upgrades have no SvelteKit). */
export function readCookie(header: string | undefined, name: string): string | null {
	if (!header) return null;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq < 0) continue;
		if (part.slice(0, eq).trim() === name) {
			try {
				return decodeURIComponent(part.slice(eq + 1).trim());
			} catch {
				return null;
			}
		}
	}
	return null;
}

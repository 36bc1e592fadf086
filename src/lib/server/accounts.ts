import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import { hasControlChars } from '../domain/plain-text';
import { audit } from './audit';
import type { LiveEffects } from './live-effects';
import {
	announceSessionsEnded,
	generateToken,
	hashToken,
	invalidateUserSessions
} from './auth/session';
import { normalizeEmail } from './auth/login';
import { hashPassword } from './auth/password';
import type { Db, Q } from './db/client';
import { invitations, users, type AccountRole } from './db/schema';
import { INVITATION_LIMITS, issueThrottle } from './invitation-limits';
import { textMatches } from './db/search';
import { refuse } from './refusal';

export interface NewAccount {
	email: string;
	name: string;
	role: AccountRole;
	password?: string;
	organizationId?: string | null;
	communeCode?: string | null;
}

export async function createAccount(
	db: Db,
	input: NewAccount,
	actorId: string | null,
	now: number
): Promise<string> {
	const email = normalizeEmail(input.email);
	if (emailTaken(db, email)) refuse('conflict', 'accounts.emailTaken');
	const passwordHash = input.password ? await hashPassword(input.password) : null;
	return db.transaction((tx) => insertAccount(tx, input, passwordHash, actorId, now));
}

/**
 * An account and its invitation link in one transaction, so an invitation refused by the limit
 * leaves no account behind, however many requests arrive at once.
 */
export function createInvitedAccount(
	db: Db,
	input: Omit<NewAccount, 'password'>,
	actorId: string,
	hours: number,
	now: number
): { id: string; token: string } {
	return db.transaction((tx) => {
		const id = insertAccount(tx, input, null, actorId, now);
		return { id, token: insertInvitation(tx, id, actorId, hours, now) };
	});
}

const emailTaken = (db: Q, email: string) =>
	!!db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();

function insertAccount(
	tx: Q,
	input: Omit<NewAccount, 'password'>,
	passwordHash: string | null,
	actorId: string | null,
	now: number
): string {
	const email = normalizeEmail(input.email);
	if (emailTaken(tx, email)) refuse('conflict', 'accounts.emailTaken');
	// Whatever creates the account (the form, the command line, the demo seed): a name is shown
	// on every council document, so no hidden or line-breaking character gets stored.
	if (hasControlChars(input.name)) refuse('bad-request', 'errors.controlChars');
	const id = crypto.randomUUID();
	tx.insert(users)
		.values({
			id,
			email,
			name: input.name.trim(),
			role: input.role,
			passwordHash,
			organizationId: input.organizationId ?? null,
			communeCode: input.communeCode ?? null,
			createdAt: now
		})
		.run();
	audit(
		tx,
		{ actorId, action: 'account.create', subject: id, detail: { email, role: input.role } },
		now
	);
	return id;
}

export function findUserByEmail(db: Db, email: string) {
	return db
		.select()
		.from(users)
		.where(eq(users.email, normalizeEmail(email)))
		.get();
}

export function getUser(db: Db, id: string) {
	return db.select().from(users).where(eq(users.id, id)).get();
}

export function listAccounts(db: Db, opts: { q?: string; limit: number; offset: number }) {
	const where = opts.q ? textMatches(opts.q, users.email, users.name) : undefined;
	const rows = db
		.select({
			id: users.id,
			email: users.email,
			name: users.name,
			role: users.role,
			disabled: users.disabled,
			hasPassword: sql<number>`${users.passwordHash} is not null`
		})
		.from(users)
		.where(where)
		.orderBy(asc(users.email))
		.limit(opts.limit)
		.offset(opts.offset)
		.all();
	const total = db
		.select({ n: sql<number>`count(*)` })
		.from(users)
		.where(where)
		.get()!.n;
	return { rows, total };
}

/** Changing a password ends every session of that account, this one included. */
export async function setPassword(
	db: Db,
	userId: string,
	password: string,
	now: number,
	live: LiveEffects,
	/**
	 * The hash the current password was checked against: the change is made only if it is still
	 * the account's, and `false` returned otherwise. Two changes checked at the same moment (or a
	 * stolen session racing the owner's own change) once both went through, the later one undoing
	 * the first and ending the session it had just given.
	 */
	checkedHash?: string
): Promise<boolean> {
	const passwordHash = await hashPassword(password);
	const changed = db.transaction((tx) => {
		const same = checkedHash === undefined ? undefined : eq(users.passwordHash, checkedHash);
		const done = tx
			.update(users)
			.set({ passwordHash })
			.where(and(eq(users.id, userId), same))
			.run();
		if (done.changes !== 1) return false;
		invalidateUserSessions(tx, userId);
		endInvitations(tx, userId, now);
		audit(tx, { actorId: userId, action: 'account.password', subject: userId }, now);
		return true;
	});
	if (changed) announceSessionsEnded(live, userId);
	return changed;
}

/**
 * Disabling an account ends its sessions and closes its live connections at once; enabling
 * it again lets the person sign in anew.
 */
export function setAccountDisabled(
	db: Db,
	userId: string,
	access: 'disabled' | 'enabled',
	actorId: string | null,
	now: number,
	live: LiveEffects
): void {
	const disabled = access === 'disabled';
	const changed = db.transaction((tx) => {
		const done = tx.update(users).set({ disabled }).where(eq(users.id, userId)).run();
		if (done.changes !== 1) return false;
		if (disabled) {
			invalidateUserSessions(tx, userId);
			endInvitations(tx, userId, now);
		}
		const action = disabled ? 'account.disable' : 'account.enable';
		audit(tx, { actorId, action, subject: userId }, now);
		return true;
	});
	if (!changed) refuse('not-found', 'accounts.notFound');
	if (disabled) announceSessionsEnded(live, userId);
}

/**
 * A one-time link with which the invitee sets a password; no mail server is needed. Refused
 * with `accounts.inviteLimited` once the actor has issued too many recently.
 */
export function createInvitation(
	db: Db,
	userId: string,
	actorId: string,
	hours: number,
	now: number
): string {
	return db.transaction((tx) => insertInvitation(tx, userId, actorId, hours, now));
}

/** Counted in the transaction that inserts: two requests at once cannot both pass the limit. */
function insertInvitation(tx: Q, userId: string, actorId: string, hours: number, now: number) {
	const limit = issueThrottle(tx, actorId, now);
	if (!limit.ok)
		refuse('rate-limited', 'accounts.inviteLimited', {
			max: INVITATION_LIMITS.maxIssuedPerAccount,
			window: INVITATION_LIMITS.issueWindowMinutes,
			minutes: limit.retryAfterMinutes
		});
	// The newest link is the only one: a link sent before it (perhaps to the wrong address) ends.
	endInvitations(tx, userId, now);
	const token = generateToken();
	tx.insert(invitations)
		.values({
			id: hashToken(token),
			userId,
			createdBy: actorId,
			createdAt: now,
			expiresAt: now + hours * 3_600_000
		})
		.run();
	audit(tx, { actorId, action: 'account.invite', subject: userId }, now);
	return token;
}

/**
 * Ends the account's links not yet used: they expire now. Called when a newer link is issued,
 * one is accepted, the password is changed or the account disabled: an older link would
 * otherwise set a new password over the one the person chose, and end their sessions.
 */
function endInvitations(tx: Q, userId: string, now: number): void {
	tx.update(invitations)
		.set({ expiresAt: now })
		.where(
			and(
				eq(invitations.userId, userId),
				isNull(invitations.usedAt),
				gt(invitations.expiresAt, now)
			)
		)
		.run();
}

export function findInvitation(db: Db, token: string, now: number) {
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	const row = db
		.select({ invitation: invitations, user: users })
		.from(invitations)
		.innerJoin(users, eq(invitations.userId, users.id))
		.where(eq(invitations.id, hashToken(token)))
		.get();
	if (!row || row.invitation.usedAt !== null || now >= row.invitation.expiresAt) return null;
	return row;
}

export async function acceptInvitation(
	db: Db,
	token: string,
	password: string,
	now: number,
	live: LiveEffects
): Promise<string> {
	const row = findInvitation(db, token, now);
	if (!row) refuse('bad-request', 'invite.invalid');
	const passwordHash = await hashPassword(password);
	const userId = db.transaction((tx) => {
		// Re-check inside the transaction: two tabs racing on one link, only one wins; and the
		// link must still be the one read before the password was hashed. A new link, a disabled
		// account or a password change meanwhile ended it by moving its expiry (endInvitations),
		// to an instant after this request's `now`: found from outside, an ended link was
		// accepted and the new one came out already expired.
		const claimed = tx
			.update(invitations)
			.set({ usedAt: now })
			.where(
				sql`${invitations.id} = ${row.invitation.id} and ${invitations.usedAt} is null and ${invitations.expiresAt} = ${row.invitation.expiresAt}`
			)
			.run();
		if (claimed.changes !== 1) refuse('bad-request', 'invite.invalid');
		tx.update(users).set({ passwordHash }).where(eq(users.id, row.user.id)).run();
		invalidateUserSessions(tx, row.user.id);
		endInvitations(tx, row.user.id, now);
		audit(tx, { actorId: row.user.id, action: 'account.invite.accept', subject: row.user.id }, now);
		return row.user.id;
	});
	announceSessionsEnded(live, userId);
	return userId;
}

/**
 * The malformed-input tests' database: the scoring fixture (a council, an open sitting, item i1
 * in scoring) plus an account of every kind, a closed item (its notes are read-only), a pending
 * invitation, and a member whose password is known, so generated input reaches each surface's
 * validation as the person allowed to use it instead of stopping at the login gate.
 */
import { join } from 'node:path';
import { hash } from '@node-rs/argon2';
import { createInvitation } from '../../src/lib/server/accounts';
import { SESSION_COOKIE, createSession } from '../../src/lib/server/auth/session';
import { loadConfig } from '../../src/lib/server/config';
import { sessionPolicyOf } from '../../src/lib/server/context';
import type { Db } from '../../src/lib/server/db/client';
import { users } from '../../src/lib/server/db/schema';
import { insertAgendaProduct } from './agenda-product';
import {
	seedScoringFixture,
	type Person,
	type ScoringFixture
} from '../integration/scoring-fixture';

export type FuzzPerson = Person | 'admin' | 'producer' | 'commune' | 'pw';

export interface FuzzFixture extends Omit<ScoringFixture, 'ids' | 'cookies'> {
	dir: string;
	dbFile: string;
	uploadDir: string;
	ids: Record<FuzzPerson, string>;
	cookies: Record<FuzzPerson, string>;
	/** A closed item of the same sitting: its notes are read-only for everyone. */
	closedItemId: string;
	dossierId: string;
	councilId: string;
	inviteToken: string;
	/** The `pw` member's password (hashed cheaply, so checking it costs no real time). */
	password: string;
	/** Every id a generator must never hit by chance. */
	realIds: string[];
}

/**
 * The app's own default session policy: a session made with a shorter idle window would be
 * slid forward on its first use, a write the state checks would rightly flag.
 */
const POLICY = sessionPolicyOf(
	loadConfig({ DATABASE_URL: ':memory:', ORIGIN: 'http://127.0.0.1', NODE_ENV: 'test' })
);

/** Seeds the fresh folder `useBuiltApp` gives (its database is `dir`/ocop.db). */
export async function seedFuzzFixture(db: Db, dir: string): Promise<FuzzFixture> {
	const dbFile = join(dir, 'ocop.db');
	const now = Date.now();
	const base = seedScoringFixture(db, POLICY, now);
	const password = `${crypto.randomUUID()}-Mật-khẩu`;
	// The weakest argon2 settings: the hash carries them, so verifying costs microseconds.
	const cheapHash = await hash(password, { memoryCost: 8, timeCost: 1, parallelism: 1 });
	const extra: [
		FuzzPerson,
		(typeof users.$inferInsert)['role'],
		Partial<typeof users.$inferInsert>
	][] = [
		['admin', 'admin', {}],
		['producer', 'producer', { organizationId: 'o1' }],
		['commune', 'commune', { communeCode: 'xa-1' }],
		['pw', 'member', { passwordHash: cheapHash }]
	];
	db.transaction((tx) => {
		for (const [p, role, more] of extra)
			tx.insert(users)
				.values({
					id: `u-${p}`,
					email: `${p}@t.vn`,
					name: `Người ${p}`,
					role,
					createdAt: now,
					...more
				})
				.run();
		tx.insert(users)
			.values({
				id: 'u-invitee',
				email: 'invitee@t.vn',
				name: 'Người mời',
				role: 'member',
				createdAt: now
			})
			.run();
		insertAgendaProduct(tx, {
			n: 2,
			sittingId: base.sittingId,
			position: 2,
			name: 'Mật ong',
			state: 'closed',
			now
		});
	});
	const inviteToken = createInvitation(db, 'u-invitee', 'u-admin', 48, now);
	const ids = { ...base.ids } as Record<FuzzPerson, string>;
	const cookies = { ...base.cookies } as Record<FuzzPerson, string>;
	for (const [p] of extra) {
		ids[p] = `u-${p}`;
		cookies[p] = `${SESSION_COOKIE}=${createSession(db, ids[p], POLICY, now).token}`;
	}
	return {
		...base,
		dir,
		dbFile,
		uploadDir: join(dir, 'uploads'),
		ids,
		cookies,
		closedItemId: 'i2',
		dossierId: 'd1',
		councilId: 'c1',
		inviteToken,
		password,
		realIds: [
			...Object.values(ids),
			'u-invitee',
			'c1',
			'r1',
			's1',
			'i1',
			'i2',
			'o1',
			'p1',
			'p2',
			'd1',
			'd2',
			'1',
			inviteToken
		]
	};
}

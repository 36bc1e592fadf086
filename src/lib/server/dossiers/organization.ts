// The producer's organisation: its profile, made on the first save.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { audit } from '../audit';
import type { SessionUser } from '../auth/session';
import type { Db, Q } from '../db/client';
import { ORGANIZATION_KINDS, organizations, users } from '../db/schema';

export type OrganizationInput = {
	name: string;
	kind: (typeof ORGANIZATION_KINDS)[number];
	registrationNo: string;
	representative: string;
	representativeGender: 'female' | 'male' | 'other' | null;
	representativeEthnicity: string;
	address: string;
	province: string;
	commune: string;
};

export function getOrganization(db: Q, id: string | null) {
	if (!id) return undefined;
	return db.select().from(organizations).where(eq(organizations.id, id)).get();
}

/** Creates the producer's organisation on first save and links the account to it. */
export function saveOrganization(db: Db, user: SessionUser, input: OrganizationInput, now: number) {
	return db.transaction((tx) => {
		const existing = getOrganization(tx, user.organizationId);
		if (existing) {
			tx.update(organizations).set(input).where(eq(organizations.id, existing.id)).run();
			audit(tx, { actorId: user.id, action: 'organization.update', subject: existing.id }, now);
			return existing.id;
		}
		const id = randomUUID();
		tx.insert(organizations)
			.values({ id, ...input, createdAt: now })
			.run();
		tx.update(users).set({ organizationId: id }).where(eq(users.id, user.id)).run();
		audit(tx, { actorId: user.id, action: 'organization.create', subject: id }, now);
		return id;
	});
}

// Mẫu 01: registering a product opens its first dossier.
import { randomUUID } from 'node:crypto';
import { takesSamples } from '../../domain/dossier-requirements';
import { findRubric, CURRENT_RUBRIC_VERSION } from '../../domain/rubrics';
import { audit } from '../audit';
import type { SessionUser } from '../auth/session';
import type { Db, Q } from '../db/client';
import { REGISTRATION_KINDS, dossiers, products } from '../db/schema';
import { getOrganization } from './organization';
import { refuse } from '../refusal';

export type ProductInput = {
	name: string;
	setNo: number;
	kind: (typeof REGISTRATION_KINDS)[number];
	sampleCount: number;
};

/** Mẫu 01: the product and the first version of its dossier, a draft in the org's commune. */
export function registerProduct(
	db: Db,
	user: SessionUser,
	input: ProductInput,
	now: number,
	// Runs inside the registration's transaction (a re-evaluation links its certificate there).
	alsoInTransaction?: (tx: Q, dossierId: string) => void
) {
	const org = getOrganization(db, user.organizationId);
	if (!org) refuse('bad-request', 'dossier.errors.noOrganization');
	if (!findRubric(CURRENT_RUBRIC_VERSION, input.setNo))
		refuse('bad-request', 'dossier.errors.badSet');
	return db.transaction((tx) => {
		const productId = randomUUID();
		const dossierId = randomUUID();
		tx.insert(products)
			.values({
				id: productId,
				organizationId: org.id,
				name: input.name,
				rubricVersion: CURRENT_RUBRIC_VERSION,
				productSetNo: input.setNo,
				createdAt: now
			})
			.run();
		tx.insert(dossiers)
			.values({
				id: dossierId,
				productId,
				registrationKind: input.kind,
				sampleCount: takesSamples(input.setNo) ? input.sampleCount : 0,
				commune: org.commune,
				createdBy: user.id,
				createdAt: now,
				updatedAt: now
			})
			.run();
		alsoInTransaction?.(tx, dossierId);
		audit(
			tx,
			{ actorId: user.id, action: 'product.register', subject: dossierId, detail: input },
			now
		);
		return dossierId;
	});
}

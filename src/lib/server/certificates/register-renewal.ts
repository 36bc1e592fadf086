// Registering a re-evaluation (Mẫu 01 "đánh giá lại"): kept apart from renewal.ts, whose window
// check the dossier's own submit uses, so that the two modules do not import each other.
import { eq } from 'drizzle-orm';
import type { SessionUser } from '../auth/session';
import type { Db } from '../db/client';
import { certificateRenewals, dossiers } from '../db/schema';
import { registerProduct } from '../dossiers/registration';
import { vnDate } from '../results/figures';
import { checkRenewable } from './renewal';
import { certificateOf } from './standing';
import { refuse } from '../refusal';

/**
 * Mẫu 01 "đánh giá lại": a new dossier for the certified product (same name and set, the current
 * rubric), linked to the certificate it renews. Someone else's certificate looks missing.
 */
export function registerRenewal(
	db: Db,
	user: SessionUser,
	input: { seq: number; sampleCount: number },
	now: number
): string {
	const cert = certificateOf(db, input.seq, vnDate(now));
	if (!cert || user.role !== 'producer' || cert.organizationId !== user.organizationId)
		refuse('not-found', 'certificates.errors.notFound');
	checkRenewable(db, cert);
	return registerProduct(
		db,
		user,
		{
			name: cert.productName,
			setNo: cert.productSetNo,
			kind: 'reevaluation',
			sampleCount: input.sampleCount
		},
		now,
		(tx, dossierId) => {
			const { productId } = tx
				.select({ productId: dossiers.productId })
				.from(dossiers)
				.where(eq(dossiers.id, dossierId))
				.get()!;
			tx.insert(certificateRenewals).values({ productId, seq: cert.seq, createdAt: now }).run();
		}
	);
}

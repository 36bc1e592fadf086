// Đánh giá lại: the producer files a re-evaluation dossier against its own certificate, only in
// the filing window (180 to 120 days before expiry) or the grace (180 days after it). The same
// check runs again when the dossier is submitted, since that is the day it is filed.

import { eq } from 'drizzle-orm';
import { acceptsRenewal, type CertificateStanding } from '../../domain/certificate-life';
import type { Q } from '../db/client';
import { certificateRenewals, dossiers } from '../db/schema';
import { vnDate } from '../results/figures';
import { certificateOf, listCertificates, viDate, type CertificateView } from './standing';
import { Refusal, refuse } from '../refusal';

/** The refusal that names the window's and the grace's dates. */
function refuseOutside(s: CertificateStanding): Refusal {
	return new Refusal('bad-request', 'certificates.errors.outsideWindow', {
		opens: viDate(s.windowOpens),
		closes: viDate(s.windowCloses),
		expires: viDate(s.expiresOn),
		graceEnds: viDate(s.graceEnds)
	});
}

export function checkRenewable(db: Q, cert: CertificateView, exceptProduct?: string): void {
	if (cert.standing.phase === 'revoked') refuse('bad-request', 'certificates.errors.revoked');
	if (!acceptsRenewal(cert.standing)) throw refuseOutside(cert.standing);
	// One re-evaluation per certificate; a returned one goes on as a new version of its dossier.
	const other = db
		.select({ productId: certificateRenewals.productId })
		.from(certificateRenewals)
		.where(eq(certificateRenewals.seq, cert.seq))
		.get();
	if (other && other.productId !== exceptProduct)
		refuse('bad-request', 'certificates.errors.alreadyRenewed');
}

/** The organisation's certificates with their standing, for the producer's home and form. */
export function ownCertificates(db: Q, orgId: string | null, now: number): CertificateView[] {
	return orgId ? listCertificates(db, vnDate(now), orgId) : [];
}

/** At submit: a renewal is filed that day, so the window is checked again. */
export function checkRenewalFiling(db: Q, dossierId: string, now: number): void {
	const link = db
		.select({ seq: certificateRenewals.seq, productId: certificateRenewals.productId })
		.from(certificateRenewals)
		.innerJoin(dossiers, eq(dossiers.productId, certificateRenewals.productId))
		.where(eq(dossiers.id, dossierId))
		.get();
	if (!link) return;
	const cert = certificateOf(db, link.seq, vnDate(now));
	if (!cert) refuse('not-found', 'certificates.errors.notFound');
	checkRenewable(db, cert, link.productId);
}

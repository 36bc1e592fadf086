// Đánh giá lại: the producer files a re-evaluation dossier against its own certificate in the
// filing window, 180 to 120 days before expiry (RULES.md rule 10), and only then: before it the
// refusal says when it opens, after it the refusal gives its dates. The same check runs again
// when the dossier is submitted, since that is the day it is filed.

import { eq } from 'drizzle-orm';
import { filingTiming, inForce, type CertificateStanding } from '../../domain/certificate-life';
import type { Q } from '../db/client';
import { certificateRenewals, dossiers } from '../db/schema';
import { vnDate } from '../results/figures';
import { certificateOf, listCertificates, viDate, type CertificateView } from './standing';
import { Refusal, refuse } from '../refusal';

/** The refusal names the dates: when filing opens, or that only a first registration is left. */
function refuseOutside(s: CertificateStanding, key: string): Refusal {
	return new Refusal('bad-request', key, {
		opens: viDate(s.windowOpens),
		closes: viDate(s.windowCloses),
		expires: viDate(s.expiresOn),
		graceEnds: viDate(s.graceEnds)
	});
}

export function checkRenewable(db: Q, cert: CertificateView, exceptProduct?: string): void {
	if (cert.standing.phase === 'revoked') refuse('bad-request', 'certificates.errors.revoked');
	// The product was recognised again: the new certificate is the one to renew.
	if (cert.standing.phase === 'superseded') refuse('bad-request', 'certificates.errors.superseded');
	const timing = filingTiming(cert.standing);
	if (timing === 'early') throw refuseOutside(cert.standing, 'certificates.errors.filingNotYet');
	if (timing !== 'on-time') throw refuseOutside(cert.standing, 'certificates.errors.filingClosed');
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

/**
 * The product's certificate while it is in force (valid, or in or past its filing window but not
 * yet expired; not revoked), or null. While it is, the product is not evaluated again as a new
 * version of its dossier: re-evaluation goes through its window (rule 10, /producer/renew), and an
 * upgrade is registered as one (kind "upgrade").
 */
export function certificateInForce(
	db: Q,
	productId: string,
	orgId: string,
	now: number
): CertificateView | null {
	return (
		listCertificates(db, vnDate(now), orgId).find(
			(c) => c.productId === productId && inForce(c.standing.phase)
		) ?? null
	);
}

/** Refuses a new evaluation of a product whose certificate is in force, naming its dates. */
export function refuseWhileInForce(db: Q, productId: string, orgId: string, now: number): void {
	const cert = certificateInForce(db, productId, orgId, now);
	if (!cert) return;
	throw new Refusal('bad-request', 'dossier.errors.certifiedInForce', {
		certificate: cert.certificateNo,
		expires: viDate(cert.standing.expiresOn),
		opens: viDate(cert.standing.windowOpens)
	});
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

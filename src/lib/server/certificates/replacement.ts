// One certificate per product. RULES.md is silent on two certificates at once, but a product has
// one star rank (Hạng sao), and the ways a certified product comes back to the council (Mẫu 01
// "đánh giá lại" in the filing window before expiry, "nâng hạng" for a higher level) all end in a
// new recognition decision while the old certificate may still be in force. Refusing that decision
// would make a re-evaluation or an upgrade impossible until expiry, so the new recognition
// replaces the product's certificate in force from the new decision's date: the old one then reads
// "replaced by number ..." everywhere (domain/certificate-life.ts, public-standing.ts), and the
// office sees which certificate a candidate replaces before it records the decision.

import { eq, inArray } from 'drizzle-orm';
import { inForce } from '../../domain/certificate-life';
import type { Q } from '../db/client';
import {
	agendaItems,
	certificateRenewals,
	certificateReplacements,
	dossiers,
	lockedResults,
	products
} from '../db/schema';
import { listCertificates, type CertificateView } from './standing';

interface ProductOf {
	seq: number;
	productId: string;
	organizationId: string;
	name: string;
	setNo: number;
	/** The certificate a re-evaluation product renews (certificate_renewals). */
	renews: number | null;
}

function productsOf(db: Q, seqs: number[]): ProductOf[] {
	if (seqs.length === 0) return [];
	return db
		.select({
			seq: lockedResults.seq,
			productId: products.id,
			organizationId: products.organizationId,
			name: products.name,
			setNo: products.productSetNo,
			renews: certificateRenewals.seq
		})
		.from(lockedResults)
		.innerJoin(agendaItems, eq(agendaItems.id, lockedResults.itemId))
		.innerJoin(dossiers, eq(dossiers.id, agendaItems.dossierId))
		.innerJoin(products, eq(products.id, dossiers.productId))
		.leftJoin(certificateRenewals, eq(certificateRenewals.productId, products.id))
		.where(inArray(lockedResults.seq, seqs))
		.all();
}

const plain = (name: string) => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The same product: the same product record (a new version of its dossier), the certificate a
 * re-evaluation renews, or the organisation's product of the same name in the same set (an upgrade
 * is registered as a product of its own, under the product's name).
 */
function sameProduct(p: ProductOf, c: CertificateView): boolean {
	if (c.seq === p.seq) return false;
	if (c.productId === p.productId || c.seq === p.renews) return true;
	return (
		c.organizationId === p.organizationId &&
		c.productSetNo === p.setNo &&
		plain(c.productName) === plain(p.name)
	);
}

export interface Replaces {
	/** The certificate in force on the day, which the new recognition replaces. */
	current: CertificateView | null;
	/** A certificate of the same product decided after the day: the new decision cannot predate it. */
	later: CertificateView | null;
}

/** For each result, what a recognition decided on `on` would replace. */
export function replacedCertificates(db: Q, seqs: number[], on: string): Map<number, Replaces> {
	const ofSeq = productsOf(db, seqs);
	const orgs = [...new Set(ofSeq.map((p) => p.organizationId))];
	const certs = orgs.flatMap((org) => listCertificates(db, on, org));
	return new Map(
		ofSeq.map((p) => {
			const same = certs.filter((c) => sameProduct(p, c));
			return [
				p.seq,
				{
					current: same.find((c) => c.decidedOn <= on && inForce(c.standing.phase)) ?? null,
					later: same.find((c) => c.decidedOn > on && c.standing.phase !== 'revoked') ?? null
				}
			];
		})
	);
}

/** Records that `bySeq`'s certificate replaces `seq`'s from `on`. */
export function recordReplacement(db: Q, seq: number, bySeq: number, on: string, now: number) {
	db.insert(certificateReplacements).values({ seq, bySeq, replacedOn: on, createdAt: now }).run();
}

/**
 * The first product that two of these results share (sameProduct's rule between two new
 * recognitions), or null: one decision recognising both would give the product two
 * certificates in force at once, as no certificate yet existed for either to replace.
 */
export function productRecognisedTwice(db: Q, seqs: number[]): string | null {
	const of = productsOf(db, seqs);
	for (const [i, p] of of.entries())
		for (const q of of.slice(i + 1))
			if (
				p.productId === q.productId ||
				(p.organizationId === q.organizationId &&
					p.setNo === q.setNo &&
					plain(p.name) === plain(q.name))
			)
				return p.name;
	return null;
}

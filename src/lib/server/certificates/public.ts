// What the public may read of a certificate: its number, decision, standing, revocation and the
// certificate that replaced it.
// Who recorded what stays with the office.

import type { Q } from '../db/client';
import { vnDate } from '../results/figures';
import { certificateOf } from './standing';
import type { CertificateStanding } from '../../domain/certificate-life';

export interface PublicCertificate {
	certificateNo: string;
	decisionNumber: string;
	decidedOn: string;
	standing: CertificateStanding;
	revocation: {
		number: string;
		decidedOn: string;
		signer: string;
		ground: string;
		detail: string;
	} | null;
	/** The later certificate of the same product that replaced this one, and from which day. */
	supersededBy: { seq: number; certificateNo: string; from: string } | null;
}

export function publicCertificate(db: Q, seq: number, now: number): PublicCertificate | null {
	const c = certificateOf(db, seq, vnDate(now));
	if (!c) return null;
	const r = c.revocation;
	return {
		certificateNo: c.certificateNo,
		decisionNumber: c.decisionNumber,
		decidedOn: c.decidedOn,
		standing: c.standing,
		revocation: r
			? {
					number: r.number,
					decidedOn: r.decidedOn,
					signer: `${r.signerTitle} ${r.signer}`,
					ground: r.ground,
					detail: r.detail
				}
			: null,
		supersededBy: c.replacement
			? {
					seq: c.replacement.seq,
					certificateNo: c.replacement.certificateNo,
					from: c.replacement.replacedOn
				}
			: null
	};
}

/**
 * What the public may read about a locked result: the level recognised by decision and still in
 * force today, apart from the council's result. A province council's 5★ is only a candidate for
 * the central council (RULES.md 8), a 3★ or 4★ is a proposal until the decision is signed, under
 * 3★ is not recognised, a central council's result under 5★ is returned to the province, and a
 * certificate that is revoked, past its last valid day (RULES.md 10) or replaced by a later
 * recognition of the same product (one certificate per product at a time) no longer rates the
 * product: none of these is drawn as gold stars, counted under a star level or selected by the
 * public star filter. The list, its filter and counts, the charts and the product's page all ask
 * this one function, so that they cannot disagree.
 */

import { certificateStanding, inForce } from './certificate-life';

export type StandingKind =
	| 'recognized'
	| 'revoked'
	| 'superseded'
	| 'expired'
	| 'candidate-central'
	| 'returned'
	| 'awaiting-decision'
	| 'not-recognized'
	| 'no-result';

export interface Standing {
	kind: StandingKind;
	/** The level recognised and in force today, drawn as stars; null otherwise. */
	recognizedStars: number | null;
	/** The council's result. */
	councilStars: number | null;
	/**
	 * The level the text beside it names: the recognised level (also once revoked or expired),
	 * the central council's for a returned result, else the council's.
	 */
	stars: number | null;
	/** For `superseded`: the number of the certificate that replaced this result's. */
	supersededBy?: string | null;
}

export interface StandingFacts {
	level: 'province' | 'central';
	stars: number | null;
	/** The recognition decision's outcome for this result, if one is recorded. */
	decisionOutcome: 'recognized' | 'forwarded-central' | null;
	/** The level the decision recognised; after the Ministry returns a 5★ candidate, 3★ or 4★. */
	decisionStars?: number | null;
	/** The certificate's last valid day, when the decision issued one. */
	expiresOn?: string | null;
	/** The date of the decision that revoked the certificate, if any. */
	revokedOn?: string | null;
	/** The date of the later decision whose certificate replaced this one, and its number. */
	supersededOn?: string | null;
	supersededBy?: string | null;
	/** At the province: the Ministry's answer on this 5★ candidate, once recorded. */
	central?: { outcome: 'recognized' | 'returned'; stars: number | null } | null;
	/** Today in Việt Nam (YYYY-MM-DD): a certificate is in force through its last valid day. */
	today: string;
}

export function standingOf(r: StandingFacts): Standing {
	const councilStars = r.stars;
	const of = (kind: StandingKind, stars = councilStars, recognizedStars: number | null = null) => ({
		kind,
		recognizedStars,
		councilStars,
		stars
	});
	if (councilStars === null) return of('no-result');
	if (r.level === 'province' && councilStars < 3) return of('not-recognized');
	if (r.decisionOutcome === 'recognized') {
		const level = r.decisionStars ?? councilStars;
		if (r.revokedOn) return of('revoked', level);
		if (r.supersededOn && r.supersededOn <= r.today)
			return { ...of('superseded', level), supersededBy: r.supersededBy ?? null };
		if (r.expiresOn && !inForce(certificateStanding(r.expiresOn, r.today).phase))
			return of('expired', level);
		return of('recognized', level, level);
	}
	if (r.level === 'province' && (councilStars === 5 || r.decisionOutcome === 'forwarded-central')) {
		// The Ministry's own decision and certificate: the province holds no dates for them.
		if (r.central?.outcome === 'recognized') return of('recognized', 5, 5);
		if (r.central?.outcome === 'returned') return of('returned', r.central.stars ?? councilStars);
		return of('candidate-central');
	}
	if (r.level === 'central' && councilStars < 5) return of('returned');
	return of('awaiting-decision');
}

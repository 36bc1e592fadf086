// A certificate's life after the decision (RULES.md 10): valid 36 months; the re-evaluation
// dossier is filed 180 to 120 days before expiry, and only then ("Re-evaluation dossiers are filed
// 180 to 120 days before expiry"); a revoked one is over whatever its dates say, and so is one
// superseded by a later recognition of the same product (a product holds one certificate at a
// time). The 180 days after expiry are still shown as a phase of their own (`grace`) but take no
// filing. Pure: ISO dates
// (YYYY-MM-DD, the Vietnamese calendar day) in, the standing out.

export const FILING_OPENS_DAYS = 180;
export const FILING_CLOSES_DAYS = 120;
export const GRACE_DAYS = 180;

/**
 * `window`: filing open (180–120 days left); `closing`: still valid but the window has passed;
 * `grace`: expired at most 180 days ago (a re-evaluation is still accepted); `expired`: beyond;
 * `superseded`: a later decision recognised the product again and its certificate replaces this
 * one from that decision's date.
 */
export type CertificatePhase =
	'valid' | 'window' | 'closing' | 'grace' | 'expired' | 'revoked' | 'superseded';

/** What the public page says: one of six words, with dates. */
export type PublicStanding = 'valid' | 'expiring' | 'grace' | 'expired' | 'revoked' | 'superseded';

export interface CertificateStanding {
	phase: CertificatePhase;
	public: PublicStanding;
	/** The last day the certificate is valid (Asia/Ho_Chi_Minh calendar day). */
	expiresOn: string;
	/** The first day it is no longer valid: the day after `expiresOn`. */
	expiredFrom: string;
	/** First and last day a re-evaluation dossier may be filed before expiry. */
	windowOpens: string;
	windowCloses: string;
	/** Last day of the grace after expiry. */
	graceEnds: string;
	/** Days from today to expiry (negative once expired). */
	daysToExpiry: number;
	/** In the window: days left to file (0 on its last day). */
	daysToFilingDeadline: number | null;
	/** In grace: days of grace left (0 on its last day). */
	graceDaysLeft: number | null;
	revokedOn: string | null;
	/** The date of the decision whose certificate replaced this one, once that day has come. */
	supersededOn: string | null;
}

const DAY = 86_400_000;

function dayNumber(iso: string): number {
	return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
}

export function addDays(iso: string, days: number): string {
	return new Date((dayNumber(iso) + days) * DAY).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
	return dayNumber(to) - dayNumber(from);
}

export function certificateStanding(
	expiresOn: string,
	today: string,
	revokedOn: string | null = null,
	supersededOn: string | null = null
): CertificateStanding {
	const daysToExpiry = daysBetween(today, expiresOn);
	// Replaced from the new decision's own day, not before it.
	const superseded = supersededOn !== null && supersededOn <= today ? supersededOn : null;
	const windowOpens = addDays(expiresOn, -FILING_OPENS_DAYS);
	const windowCloses = addDays(expiresOn, -FILING_CLOSES_DAYS);
	const graceEnds = addDays(expiresOn, GRACE_DAYS);
	const phase = phaseOf(daysToExpiry, revokedOn, superseded);
	return {
		phase,
		public: publicOf(phase),
		expiresOn,
		expiredFrom: addDays(expiresOn, 1),
		windowOpens,
		windowCloses,
		graceEnds,
		daysToExpiry,
		daysToFilingDeadline: phase === 'window' ? daysToExpiry - FILING_CLOSES_DAYS : null,
		graceDaysLeft: phase === 'grace' ? GRACE_DAYS + daysToExpiry : null,
		revokedOn,
		supersededOn: superseded
	};
}

/**
 * Whether a certificate in this phase still rates its product: through its last valid day (in
 * or past its filing window included), not in the grace after it, not once revoked.
 */
export function inForce(phase: CertificatePhase): boolean {
	return phase === 'valid' || phase === 'window' || phase === 'closing';
}

function phaseOf(
	daysToExpiry: number,
	revokedOn: string | null,
	supersededOn: string | null
): CertificatePhase {
	// A certificate revoked before it was replaced reads as revoked; a replacement is only ever
	// recorded over a certificate in force, so the other order does not arise.
	if (revokedOn) return 'revoked';
	if (supersededOn) return 'superseded';
	// The expiry day itself is the last valid day.
	if (daysToExpiry < -GRACE_DAYS) return 'expired';
	if (daysToExpiry < 0) return 'grace';
	if (daysToExpiry < FILING_CLOSES_DAYS) return 'closing';
	if (daysToExpiry <= FILING_OPENS_DAYS) return 'window';
	return 'valid';
}

function publicOf(phase: CertificatePhase): PublicStanding {
	if (phase === 'window' || phase === 'closing') return 'expiring';
	return phase;
}

/**
 * A re-evaluation filed today, against rule 10. `on-time`: in the window, the only filing
 * accepted. `early`: before the window (the producer is told the day it opens). `late`: after the
 * window while the certificate is still valid; `grace`: within 180 days after expiry; `too-late`:
 * beyond. Each of the last three is refused with the window's dates (a dossier filed under the
 * old rule keeps its mark for the office). Revoked certificates are refused before this is asked.
 */
export type FilingTiming = 'early' | 'on-time' | 'late' | 'grace' | 'too-late';

export function filingTiming(s: CertificateStanding): FilingTiming {
	const d = s.daysToExpiry;
	if (d > FILING_OPENS_DAYS) return 'early';
	if (d >= FILING_CLOSES_DAYS) return 'on-time';
	if (d >= 0) return 'late';
	if (d >= -GRACE_DAYS) return 'grace';
	return 'too-late';
}

/** RULES.md rule 10: filed 180 to 120 days before expiry, and never for a revoked certificate. */
export function acceptsRenewal(standing: CertificateStanding): boolean {
	// A revoked certificate is over; a superseded one was renewed by the decision that replaced it.
	if (standing.phase === 'revoked' || standing.phase === 'superseded') return false;
	return filingTiming(standing) === 'on-time';
}

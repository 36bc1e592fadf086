// The facts after the council that decide what the public reads of a locked result (its
// decision, certificate, revocation and the Ministry's answer), as SQL columns of a result row,
// and the standing they give today (domain/public-standing.ts). repository.ts reads them with
// every row; the pages ask rowStanding.

import { sql, type SQL } from 'drizzle-orm';
import { standingOf, type Standing } from '../../domain/public-standing';
import {
	certificateReplacements,
	certificateRevocations,
	lockedResults,
	ministryPackages
} from '../db/schema';

/** The facts after the council that decide what the public reads (domain/public-standing.ts). */
export const afterCouncil = {
	/** The date of the decision that revoked the certificate, if any. */
	revokedOn: sql<
		string | null
	>`(select ${certificateRevocations.decidedOn} from ${certificateRevocations} where ${certificateRevocations.seq} = ${lockedResults.seq})`,
	/** The date of the later decision whose certificate replaced this result's, if any. */
	supersededOn: sql<
		string | null
	>`(select ${certificateReplacements.replacedOn} from ${certificateReplacements} where ${certificateReplacements.seq} = ${lockedResults.seq})`,
	/**
	 * The replacing certificate's number. Spelled with aliases: the row's own query already reads
	 * decision_items, and the subquery must not mistake it for the replacing item.
	 */
	supersededBy: sql<string | null>`(select rd.certificate_no from certificate_replacements cr
		join decision_items rd on rd.seq = cr.by_seq and rd.outcome = 'recognized'
		where cr.seq = ${lockedResults.seq})`,
	/** At the province: the Ministry's answer on a 5★ candidate (the first one recorded). */
	centralOutcome: sql<
		'recognized' | 'returned' | null
	>`${centralAnswerField(ministryPackages.outcome)}`,
	centralStars: sql<number | null>`${centralAnswerField(ministryPackages.stars)}`
};

function centralAnswerField(
	field: SQL | typeof ministryPackages.outcome | typeof ministryPackages.stars
) {
	return sql`(select ${field} from ${ministryPackages} where ${ministryPackages.direction} = 'in' and ${ministryPackages.kind} = 'central-result' and ${ministryPackages.seq} = ${lockedResults.seq} order by ${ministryPackages.createdAt} limit 1)`;
}

/** The columns of a result row the standing is decided from. */
export interface StandingRow {
	level: 'province' | 'central';
	stars: number | null;
	outcome: 'recognized' | 'forwarded-central' | null;
	decisionStars: number | null;
	expiresOn: string | null;
	revokedOn: string | null;
	supersededOn: string | null;
	supersededBy: string | null;
	centralOutcome: 'recognized' | 'returned' | null;
	centralStars: number | null;
}

/** What the public reads of a row today: the one rule for the list, filter, charts and page. */
export function rowStanding(r: StandingRow, today: string): Standing {
	return standingOf({
		level: r.level,
		stars: r.stars,
		decisionOutcome: r.outcome,
		decisionStars: r.decisionStars,
		expiresOn: r.expiresOn,
		revokedOn: r.revokedOn,
		supersededOn: r.supersededOn,
		supersededBy: r.supersededBy,
		central: r.centralOutcome ? { outcome: r.centralOutcome, stars: r.centralStars } : null,
		today
	});
}

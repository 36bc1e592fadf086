/**
 * What the public may read about a locked result: the level the province (or the Ministry) has
 * recognised by decision, apart from the council's result. A province council's 5★ is only a
 * candidate for the central council, a 3★ or 4★ is a proposal until the decision is signed, and
 * under 3★ is not recognised: none of these is shown as gold stars.
 */

export type StandingKind =
	'recognized' | 'candidate-central' | 'awaiting-decision' | 'not-recognized' | 'no-result';

export interface Standing {
	kind: StandingKind;
	/** The recognised level, drawn as stars; null unless recognised by decision. */
	recognizedStars: number | null;
	/** The council's result, for the text beside it. */
	councilStars: number | null;
}

export function standingOf(r: {
	level: 'province' | 'central';
	stars: number | null;
	/** The recognition decision's outcome for this result, if one is recorded. */
	decisionOutcome: 'recognized' | 'forwarded-central' | null;
	/** The level the decision recognised; after the Ministry returns a 5★ candidate, 3★ or 4★. */
	decisionStars?: number | null;
}): Standing {
	const councilStars = r.stars;
	const base = { councilStars, recognizedStars: null };
	if (councilStars === null) return { ...base, kind: 'no-result' };
	if (councilStars < 3) return { ...base, kind: 'not-recognized' };
	if (r.decisionOutcome === 'recognized')
		return { ...base, kind: 'recognized', recognizedStars: r.decisionStars ?? councilStars };
	if (r.level === 'province' && councilStars === 5) return { ...base, kind: 'candidate-central' };
	return { ...base, kind: 'awaiting-decision' };
}

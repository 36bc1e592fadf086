// Thu hồi. RULES.md names revocation but states no grounds for it, so the app invents none: the
// office writes the ground as the revoking decision states it (required), beside the decision's
// number and date. Revocations recorded before this held a code from a fixed list the app had
// made up, with the decision's words in `detail`; those rows stay readable through LEGACY_GROUNDS.

export const GROUND_MAX = 2000;

/** Codes of the withdrawn list, only for reading rows recorded with them. */
export const LEGACY_GROUNDS = [
	'standards',
	'false-dossier',
	'violation',
	'ceased',
	'request',
	'other'
] as const;
export type LegacyGround = (typeof LEGACY_GROUNDS)[number];

export function legacyGround(ground: string): LegacyGround | null {
	return (LEGACY_GROUNDS as readonly string[]).includes(ground) ? (ground as LegacyGround) : null;
}

/** 'ok', or why the ground cannot stand: blank or only punctuation, or longer than the form. */
export function groundProblem(ground: string): 'ok' | 'missing' | 'tooLong' {
	if (!/[\p{L}\p{N}]/u.test(ground)) return 'missing';
	if (ground.length > GROUND_MAX) return 'tooLong';
	return 'ok';
}

/** The ground as a reader sees it: the decision's words, or an old row's label and words. */
export function groundText(
	r: { ground: string; detail: string },
	t: (key: string) => string
): string {
	const legacy = legacyGround(r.ground);
	if (!legacy) return r.detail ? `${r.ground} — ${r.detail}` : r.ground;
	const label = t(`certificates.legacyGrounds.${legacy}`);
	return r.detail ? `${label} — ${r.detail}` : label;
}

/**
 * What a dossier must carry before it moves on: the producer's submission (Mẫu 01/02) and the
 * office's "ready for the council" (after the advisory team's review and the lab tests).
 * Which documents the office requires is the province's setting, per sector; these are the
 * defaults (QĐ 26/2026: lab tests for food, drinks and herbal products; services and crafts
 * have no lab test).
 */

export const SECTORS = ['food', 'drink', 'herbal', 'craft', 'ornamental', 'service'] as const;
export type Sector = (typeof SECTORS)[number];

/** Office-side documents that a province may require before a dossier goes to the council. */
export const READY_DOCUMENTS = ['advisory-report', 'lab-result'] as const;
export type ReadyDocument = (typeof READY_DOCUMENTS)[number];

export type ReadyRequirements = Record<Sector, readonly ReadyDocument[]>;

/** Phụ lục I's order: sets 1–13 food, 14–17 drinks, 18–20 herbal, 21–22 crafts, 23–25 plants and pets, 26 tourism. */
export function sectorOf(setNo: number): Sector {
	if (setNo <= 13) return 'food';
	if (setNo <= 17) return 'drink';
	if (setNo <= 20) return 'herbal';
	if (setNo <= 22) return 'craft';
	if (setNo <= 25) return 'ornamental';
	return 'service';
}

/** A service (rural tourism) is visited, not sampled: its dossier asks for no samples. */
export function takesSamples(setNo: number): boolean {
	return sectorOf(setNo) !== 'service';
}

export const DEFAULT_READY_REQUIREMENTS: ReadyRequirements = {
	food: ['advisory-report', 'lab-result'],
	drink: ['advisory-report', 'lab-result'],
	herbal: ['advisory-report', 'lab-result'],
	craft: ['advisory-report'],
	ornamental: ['advisory-report'],
	service: ['advisory-report']
};

/** The required documents a dossier of this set lacks, in the setting's order. */
export function missingForReady(
	setNo: number,
	present: ReadonlySet<string>,
	required: ReadyRequirements = DEFAULT_READY_REQUIREMENTS
): ReadyDocument[] {
	return required[sectorOf(setNo)].filter((kind) => !present.has(kind));
}

export type SubmitGap = 'taxCode' | 'evidence';

/**
 * Mẫu 01 names the unit by its tax code (registration number) and Mẫu 02 claims each point
 * with evidence: a dossier without either is not a dossier the commune can review.
 */
export function missingForSubmit(input: {
	registrationNo: string | null;
	evidenceFiles: number;
}): SubmitGap[] {
	const gaps: SubmitGap[] = [];
	if (!input.registrationNo?.trim()) gaps.push('taxCode');
	if (input.evidenceFiles < 1) gaps.push('evidence');
	return gaps;
}

/**
 * Parses the province's setting, e.g. `food=advisory-report+lab-result;craft=advisory-report`.
 * Sectors not named keep their default; an unknown sector or document is an error (the caller
 * stops the process with the variable's name).
 */
export function parseReadyRequirements(raw: string | undefined): ReadyRequirements {
	const result: ReadyRequirements = { ...DEFAULT_READY_REQUIREMENTS };
	if (!raw?.trim()) return result;
	for (const entry of raw
		.split(';')
		.map((e) => e.trim())
		.filter(Boolean)) {
		const [sector, docs = ''] = entry.split('=').map((p) => p.trim());
		if (!(SECTORS as readonly string[]).includes(sector))
			throw new Error(`unknown sector "${sector}" (one of ${SECTORS.join(', ')})`);
		const kinds = docs
			.split('+')
			.map((d) => d.trim())
			.filter(Boolean);
		for (const k of kinds)
			if (!(READY_DOCUMENTS as readonly string[]).includes(k))
				throw new Error(`unknown document "${k}" (one of ${READY_DOCUMENTS.join(', ')})`);
		result[sector as Sector] = kinds as ReadyDocument[];
	}
	return result;
}

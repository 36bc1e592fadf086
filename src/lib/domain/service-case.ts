// Set 26 (rural tourism): criteria 8, 9 and 15 say "choose one of two cases". The case is what
// the product is, so the producer's dossier states it once and every scorecard of the product
// offers that case's options only. Pure, shared by the forms and the server's checks.
import { leafIndex, type ProductSetRubric, type RubricCriterion } from './rubric';

export const SERVICE_CASES = ['a', 'b'] as const;
export type ServiceCase = (typeof SERVICE_CASES)[number];

export function isServiceCase(v: unknown): v is ServiceCase {
	return v === 'a' || v === 'b';
}

/** Whether any criterion of this scorecard asks to choose one of two cases. */
export function rubricHasCases(rubric: ProductSetRubric): boolean {
	for (const { leaf } of leafIndex(rubric).values())
		if (leaf.options.some((o) => o.case)) return true;
	return false;
}

/**
 * Whether an answer fits the dossier's case: "none met", options outside any case and every
 * option while the case is not stated yet do; an option of the other case does not.
 */
export function fitsCase(
	leaf: RubricCriterion,
	choice: number,
	serviceCase: ServiceCase | null
): boolean {
	const option = leaf.options[choice];
	return !serviceCase || !option?.case || option.case === serviceCase;
}

/** The criteria whose answer belongs to the other case, in the order given. */
export function outsideCase(
	rubric: ProductSetRubric,
	choices: Record<string, number>,
	serviceCase: ServiceCase | null
): string[] {
	const leaves = leafIndex(rubric);
	return Object.entries(choices)
		.filter(([code, choice]) => {
			const entry = leaves.get(code);
			return entry !== undefined && !fitsCase(entry.leaf, choice, serviceCase);
		})
		.map(([code]) => code);
}

/** 'a' → 1, 'b' → 2: the form numbers its cases "Trường hợp 1 / 2". */
export function caseNumber(serviceCase: ServiceCase): 1 | 2 {
	return serviceCase === 'a' ? 1 : 2;
}

/**
 * The case a card keeps to: the dossier's when it states one, otherwise the case of the card's
 * first answer (in form order) that belongs to a case; null when no answer belongs to one.
 */
export function cardCase(
	rubric: ProductSetRubric,
	choices: Record<string, number>,
	serviceCase: ServiceCase | null
): ServiceCase | null {
	if (serviceCase) return serviceCase;
	for (const [code, { leaf }] of leafIndex(rubric)) {
		if (!Object.hasOwn(choices, code)) continue;
		const own = leaf.options[choices[code]]?.case;
		if (own) return own;
	}
	return null;
}

/**
 * RULES.md, set 26: "a member answers within one [case]". The criteria whose answer belongs to
 * another case than the card's (cardCase), in the order given; empty when the card keeps to one.
 * The one rule behind the app's scoring and the `ocop rate` input check.
 */
export function caseConflicts(
	rubric: ProductSetRubric,
	choices: Record<string, number>,
	serviceCase: ServiceCase | null
): string[] {
	const own = cardCase(rubric, choices, serviceCase);
	return own ? outsideCase(rubric, choices, own) : [];
}

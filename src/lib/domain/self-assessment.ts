// The producer's self-assessed figure (Mẫu 02): its own card rated as if it were the only
// member's, so the total and the stars follow exactly the council's rules (band and floor).
// Shown live in the browser and stored nowhere: the council's result is the one that counts.

import { scoreCard, soleCardStars, type Stars } from './rating';
import type { ProductSetRubric } from './rubric';

export interface SelfFigure {
	total: number;
	answered: number;
	count: number;
	/** Null until every criterion is answered. */
	stars: Stars | null;
}

export function selfAssessedFigure(
	rubric: ProductSetRubric,
	choices: Readonly<Record<string, number>>
): SelfFigure {
	const card = scoreCard(rubric, choices);
	return {
		total: card.total,
		answered: card.answered,
		count: card.leafCount,
		stars: soleCardStars(rubric, choices)
	};
}

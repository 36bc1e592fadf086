import { listLeaves } from '../../domain/rubric';
import { getRubric } from '../../domain/rubrics';
import type { Q } from '../db/client';
import { selfAssessments } from '../db/schema';

/**
 * A plausible demo self-assessment (Mẫu 02): on each criterion the option just below the best
 * (the best on yes/no and single-option criteria), so the demo dossiers show a real total.
 */
export function seedDemoSelfAssessment(db: Q, dossierId: string, setNo: number): void {
	for (const { leaf } of listLeaves(getRubric('qd26-2026', setNo))) {
		const ranked = leaf.options
			.map((o, i) => ({ i, points: o.points }))
			.sort((a, b) => b.points - a.points);
		const choice = ranked.length === 0 ? 1 : (ranked[1] ?? ranked[0]).i;
		db.insert(selfAssessments)
			.values({ dossierId, leafCode: leaf.code, choice })
			.onConflictDoNothing()
			.run();
	}
}

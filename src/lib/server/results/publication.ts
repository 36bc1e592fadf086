// Publishing a locked result: the one write of the results pages, with its refusals, its audit
// entry and the producer's notice. Reading published results is repository.ts's.

import { eq } from 'drizzle-orm';
import type { Q } from '../db/client';
import { resultPublications } from '../db/schema';
import { audit } from '../audit';
import { notify } from '../notifications';
import { producerAccounts, resultSubject } from '../notifications/recipients';
import { refuse } from '../refusal';

/** The locked result about to be published, refused if there is none or it is public already. */
function unpublishedSubject(db: Q, seq: number) {
	const subject = resultSubject(db, seq);
	if (!subject) refuse('not-found', 'results.notFound');
	const already = db
		.select({ seq: resultPublications.seq })
		.from(resultPublications)
		.where(eq(resultPublications.seq, seq))
		.get();
	if (already) refuse('conflict', 'results.alreadyPublished');
	return subject;
}

/**
 * What publishing `seq` would show, for the office's confirmation: refused as publishing itself
 * would be (no such locked result, or published already).
 */
export function publicationPreview(db: Q, seq: number): { seq: number; product: string } {
	return { seq, product: unpublishedSubject(db, seq).product };
}

/** Makes a locked result public; publishing twice is refused, not repeated. */
export function publishResult(db: Q, seq: number, by: string, now: number): void {
	const subject = unpublishedSubject(db, seq);
	db.insert(resultPublications).values({ seq, publishedAt: now, publishedBy: by }).run();
	audit(db, { actorId: by, action: 'result.publish', subject: `result:${seq}`, detail: {} }, now);
	notify(
		db,
		producerAccounts(db, [subject.organizationId]),
		'result-published',
		{ seq, product: subject.product, stars: subject.stars ?? 0, outcome: subject.outcome ?? '' },
		`/results/${seq}`,
		now
	);
}

// Thu hồi: the office records the revocation decision (its ground in its own words, number,
// date, signer). The
// number comes from the province's register like the recognition decision's; once recorded the
// revocation cannot be changed or removed (a trigger in db/client.ts).

import { and, eq } from 'drizzle-orm';
import { hasControlChars, hasControlCharsInText } from '../../domain/plain-text';
import { groundProblem, legacyGround } from '../../domain/revocation';
import { audit } from '../audit';
import type { Db } from '../db/client';
import {
	certificateRevocations,
	councils,
	recognitionDecisions,
	decisionItems
} from '../db/schema';
import { decisionNumber } from '../documents/decision-number';
import { vnDate } from '../results/figures';
import { certificateOf, viDate } from './standing';
import { refuse } from '../refusal';
import { notify } from '../notifications';
import { producerAccounts, resultSubject } from '../notifications/recipients';

export interface RevocationInput {
	seq: number;
	/** Căn cứ thu hồi, in the revoking decision's words. */
	ground: string;
	/** Blank: issued from the register. */
	number: string;
	decidedOn: string;
	signer: string;
	signerTitle: string;
}

export function revokeCertificate(db: Db, by: string, input: RevocationInput, now: number) {
	const ground = input.ground.trim();
	const problem = groundProblem(ground);
	if (problem === 'missing') refuse('bad-request', 'certificates.errors.groundRequired');
	if (problem === 'tooLong') refuse('bad-request', 'certificates.errors.groundTooLong');
	// A bare code of the withdrawn list would read as that invented category.
	if (legacyGround(ground)) refuse('bad-request', 'certificates.errors.groundRequired');
	if (!input.signer || !input.signerTitle) refuse('bad-request', 'certificates.errors.badSigner');
	// All four are printed on the revoking decision.
	if ([input.number, input.signer, input.signerTitle].some(hasControlChars))
		refuse('bad-request', 'errors.controlChars');
	if (hasControlCharsInText(ground)) refuse('bad-request', 'errors.controlCharsText');
	return db.transaction((tx) => {
		const cert = certificateOf(tx, input.seq, vnDate(now));
		if (!cert) refuse('not-found', 'certificates.errors.notFound');
		if (cert.revocation) refuse('bad-request', 'certificates.errors.alreadyRevoked');
		if (input.decidedOn < cert.decidedOn)
			refuse('bad-request', 'certificates.errors.beforeDecision');
		// From its replacement's date the certificate is no longer the product's: there is
		// nothing left to revoke (the new certificate is revoked instead).
		if (cert.replacement && input.decidedOn >= cert.replacement.replacedOn)
			refuse('bad-request', 'certificates.errors.revokeReplaced', {
				number: cert.replacement.certificateNo,
				date: viDate(cert.replacement.replacedOn)
			});
		// The certificate is void from the revocation's date, and the public pages say so from the
		// moment it is recorded: a date still to come would void it early. Only a signed decision
		// is recorded, so its date is today at the latest (Việt Nam's calendar day).
		const today = vnDate(now);
		if (input.decidedOn > today)
			refuse('bad-request', 'certificates.errors.futureDate', { today: viDate(today) });
		const council = tx
			.select({ place: councils.place, authority: councils.authority })
			.from(decisionItems)
			.innerJoin(recognitionDecisions, eq(recognitionDecisions.id, decisionItems.decisionId))
			.innerJoin(councils, eq(councils.id, recognitionDecisions.councilId))
			.where(and(eq(decisionItems.seq, input.seq), eq(decisionItems.outcome, 'recognized')))
			.get()!;
		const number = decisionNumber(tx, council, input.number, input.decidedOn, now);
		if (!number) refuse('bad-request', 'certificates.errors.numberTaken');
		const taken = tx
			.select({ n: recognitionDecisions.number })
			.from(recognitionDecisions)
			.where(eq(recognitionDecisions.number, number))
			.get();
		if (taken) refuse('bad-request', 'certificates.errors.numberTaken');
		try {
			tx.insert(certificateRevocations)
				.values({
					seq: input.seq,
					ground,
					detail: '',
					number,
					decidedOn: input.decidedOn,
					signer: input.signer,
					signerTitle: input.signerTitle,
					createdBy: by,
					createdAt: now
				})
				.run();
		} catch (e) {
			if (String((e as Error).message).includes('UNIQUE'))
				refuse('bad-request', 'certificates.errors.numberTaken');
			throw e;
		}
		audit(
			tx,
			{
				actorId: by,
				action: 'certificate.revoke',
				subject: `certificate:${input.seq}`,
				detail: { number, ground, decidedOn: input.decidedOn }
			},
			now
		);
		const subject = resultSubject(tx, input.seq);
		if (subject)
			notify(
				tx,
				producerAccounts(tx, [subject.organizationId]),
				'certificate-revoked',
				{
					seq: input.seq,
					product: subject.product,
					certificate: cert.certificateNo,
					number,
					date: viDate(input.decidedOn)
				},
				'/producer',
				now
			);
		return number;
	});
}

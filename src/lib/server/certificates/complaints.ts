// Khiếu nại against a recognition decision: the office records what was received and how it was
// handled. A resolved complaint names its resolution and the day; it is then closed for edits.

import { asc, eq } from 'drizzle-orm';
import {
	COMPLAINT_STATUSES,
	isClosedComplaint,
	type ComplaintStatus
} from '../../domain/complaint';
import { hasControlChars, hasControlCharsInText } from '../../domain/plain-text';
import { audit } from '../audit';
import type { Db, Q } from '../db/client';
import { decisionComplaints, recognitionDecisions } from '../db/schema';
import { refuse } from '../refusal';

export interface ComplaintInput {
	complainant: string;
	receivedOn: string;
	content: string;
}

export interface ComplaintUpdate {
	status: string;
	resolution: string;
	resolvedOn: string;
}

function decisionExists(db: Q, id: string) {
	return db.select().from(recognitionDecisions).where(eq(recognitionDecisions.id, id)).get();
}

export function complaintsOf(db: Q, decisionId: string) {
	return db
		.select()
		.from(decisionComplaints)
		.where(eq(decisionComplaints.decisionId, decisionId))
		.orderBy(asc(decisionComplaints.receivedOn), asc(decisionComplaints.createdAt))
		.all();
}

export function recordComplaint(
	db: Db,
	by: string,
	decisionId: string,
	input: ComplaintInput,
	now: number
): string {
	const decision = decisionExists(db, decisionId);
	if (!decision) refuse('not-found', 'certificates.errors.decisionNotFound');
	if (!input.complainant || !input.content)
		refuse('bad-request', 'certificates.errors.complaintRequired');
	if (hasControlChars(input.complainant)) refuse('bad-request', 'errors.controlChars');
	if (hasControlCharsInText(input.content)) refuse('bad-request', 'errors.controlCharsText');
	// A complaint answers a decision that exists: it cannot be received before it was signed.
	if (input.receivedOn < decision.decidedOn)
		refuse('bad-request', 'certificates.errors.receivedBeforeDecision');
	const id = crypto.randomUUID();
	db.transaction((tx) => {
		tx.insert(decisionComplaints)
			.values({ id, decisionId, ...input, createdBy: by, createdAt: now, updatedAt: now })
			.run();
		audit(tx, { actorId: by, action: 'complaint.record', subject: `complaint:${id}` }, now);
	});
	return id;
}

export function updateComplaint(
	db: Db,
	by: string,
	decisionId: string,
	complaintId: string,
	input: ComplaintUpdate,
	now: number
): void {
	if (!(COMPLAINT_STATUSES as readonly string[]).includes(input.status))
		refuse('bad-request', 'certificates.errors.badStatus');
	if (hasControlCharsInText(input.resolution)) refuse('bad-request', 'errors.controlCharsText');
	const status = input.status as ComplaintStatus;
	db.transaction((tx) => {
		const row = tx
			.select()
			.from(decisionComplaints)
			.where(eq(decisionComplaints.id, complaintId))
			.get();
		// Reached through its decision's page: a complaint of another decision looks missing.
		if (!row || row.decisionId !== decisionId)
			refuse('not-found', 'certificates.errors.complaintNotFound');
		if (isClosedComplaint(row.status)) refuse('bad-request', 'certificates.errors.complaintClosed');
		const closing = isClosedComplaint(status);
		if (closing && (!input.resolution || !input.resolvedOn))
			refuse('bad-request', 'certificates.errors.resolutionRequired');
		if (closing && input.resolvedOn < row.receivedOn)
			refuse('bad-request', 'certificates.errors.resolvedBeforeReceived');
		tx.update(decisionComplaints)
			.set({
				status,
				resolution: input.resolution || null,
				resolvedOn: closing ? input.resolvedOn : null,
				updatedAt: now
			})
			.where(eq(decisionComplaints.id, complaintId))
			.run();
		audit(
			tx,
			{
				actorId: by,
				action: 'complaint.update',
				subject: `complaint:${complaintId}`,
				detail: { status }
			},
			now
		);
	});
}

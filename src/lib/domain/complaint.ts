// Khiếu nại against a recognition decision: received, being handled, then resolved (upheld or
// rejected). A closed complaint carries its resolution and the day it was resolved.
export const COMPLAINT_STATUSES = ['received', 'handling', 'upheld', 'rejected'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export function isClosedComplaint(status: ComplaintStatus): boolean {
	return status === 'upheld' || status === 'rejected';
}

// The names the authorisation matrix uses: who plays each role, the fixed ids its requests
// carry, and the marker strings that exist only in protected data (see fixture.ts).
import { listLeaves } from '../../../src/lib/domain/rubric';
import { rubric } from '../scoring-fixture';
import type { Role } from './outcomes';

/** Who plays each role: council A's people come from the scoring fixture. */
export const USER: Record<Exclude<Role, 'anonymous'>, string> = {
	admin: 'u-admin',
	office: 'u-office',
	secretary: 'u-secretary',
	chair: 'u-chair',
	member: 'u-m1',
	recused: 'u-recused',
	otherCouncil: 'u-outsider',
	producer: 'u-producer',
	otherProducer: 'u-producer-b',
	commune: 'u-commune'
};

export const LEAF = listLeaves(rubric())[0].leaf.code;

/** Fixed ids the registry names in its requests. */
export const F = {
	council: 'c1',
	round: 'r1',
	sitting: 's1',
	item: 'i1',
	dossier: 'd1',
	file: 'f-evidence-a',
	/** A voting member of council A who plays no role: "another member's card". */
	otherScorer: 'u-m2',
	dossierB: 'd-b',
	draft: 'd-draft',
	draftFile: 'f-evidence-draft',
	returned: 'd-returned',
	infoRequested: 'd-info',
	forwarded: 'd-forwarded',
	submitted: 'd-submitted',
	ready: 'd-ready',
	draftSitting: 's-draft',
	draftItem: 'i-draft',
	/** Chain positions: 1 published, 2 locked but not published. */
	seqPublished: 1,
	seqLocked: 2,
	commune: 'xa-hoa-vang',
	inviteToken: 'abcdefghijklmnopqrstuvwxyz234567',
	spareEmail: 'spare@t.vn',
	loginEmail: 'probe@t.vn',
	loginPassword: 'mat-khau-tham-do-2026'
} as const;

/** Strings that exist only in protected data; a denial must never carry one. */
export const MARK = {
	product: 'MKR-product-a',
	org: 'MKR-org-a',
	representative: 'MKR-rep-a',
	review: 'MKR-commune-review',
	request: 'MKR-doc-request',
	conflict: 'MKR-conflict-reason',
	chat: 'MKR-chat-line',
	notes: 'MKR-notes-text',
	fileBytes: 'MKR-file-bytes',
	lockedProduct: 'MKR-product-locked',
	productB: 'MKR-product-b',
	orgB: 'MKR-org-b'
} as const;

/** Each role's own name is a marker too, except in that role's own responses. */
export const NAME_MARK: Record<string, string> = Object.fromEntries(
	[...Object.values(USER), 'u-m2', 'u-m3'].map((id) => [id, `MKR-name(${id})`])
);

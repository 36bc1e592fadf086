// Every action the audit log records, with the kind of record its subject names. The office reads
// the log in words (i18n `audit.actions.*`), with each subject by name (server/audit-view.ts); a
// unit test fails when code writes an action that is not listed here.

import type { DossierAction } from './dossier-state';

/** The records an audit subject may name; `prefix:id` subjects carry their kind themselves. */
export type AuditSubjectKind =
	| 'user'
	| 'organization'
	| 'dossier'
	| 'council'
	| 'round'
	| 'sitting'
	| 'item'
	| 'result'
	| 'decision'
	| 'certificate'
	| 'complaint'
	| 'template'
	| 'mail';

/** Written by moveState as `dossier.<action>` (dossiers/lifecycle.ts). */
const DOSSIER_MOVES: Record<DossierAction, 'dossier'> = {
	submit: 'dossier',
	forward: 'dossier',
	return: 'dossier',
	'request-documents': 'dossier',
	'answer-request': 'dossier',
	'mark-ready': 'dossier',
	schedule: 'dossier',
	unschedule: 'dossier'
};

export const AUDIT_ACTIONS: Record<string, AuditSubjectKind> = {
	'auth.login': 'user',
	'auth.logout': 'user',
	'account.create': 'user',
	'account.password': 'user',
	'account.invite': 'user',
	'account.invite.accept': 'user',
	'organization.create': 'organization',
	'organization.update': 'organization',
	'product.register': 'dossier',
	'dossier.self-assess': 'dossier',
	'dossier.new-version': 'dossier',
	'dossier.commune-review': 'dossier',
	...Object.fromEntries(Object.keys(DOSSIER_MOVES).map((a) => [`dossier.${a}`, 'dossier'])),
	'file.upload': 'dossier',
	'file.remove': 'dossier',
	'council.create': 'council',
	'council.update': 'council',
	'council.member-add': 'council',
	'council.member-update': 'council',
	'council.member-remove': 'council',
	'round.create': 'round',
	'sitting.create': 'sitting',
	'sitting.publish': 'sitting',
	'agenda.add': 'sitting',
	'agenda.remove': 'sitting',
	'agenda.move': 'sitting',
	'agenda.update': 'sitting',
	'conflict.declare': 'item',
	'meeting.conflict.declare': 'item',
	'meeting.item.move': 'item',
	'meeting.sitting.adjourn': 'sitting',
	'stage.pin': 'sitting',
	'stage.unpin': 'sitting',
	'item.rescore': 'item',
	'item.close': 'item',
	'written.open': 'sitting',
	'written.to-sitting': 'item',
	'result.publish': 'result',
	'decision.record': 'decision',
	'certificate.revoke': 'certificate',
	'complaint.record': 'complaint',
	'complaint.update': 'complaint',
	'ministry.send': 'result',
	'ministry.receive': 'dossier',
	'ministry.answer-send': 'result',
	'ministry.answer': 'result',
	'template.create': 'template',
	'template.update': 'template',
	'mail.retry': 'mail'
};

/** The message key of an action's label: dots would read as nesting, so they become `_`. */
export function auditActionKey(action: string): string {
	return `audit.actions.${action.replaceAll('.', '_')}`;
}

const PREFIXED =
	/^(user|organization|dossier|council|round|sitting|item|result|decision|certificate|complaint|template|mail):(.+)$/;

/** What a subject names: `kind:id` as written, else the kind the action's subjects have. */
export function auditSubject(
	action: string,
	subject: string | null
): { kind: AuditSubjectKind; id: string } | null {
	if (!subject) return null;
	const m = PREFIXED.exec(subject);
	if (m) return { kind: m[1] as AuditSubjectKind, id: m[2] };
	const kind = AUDIT_ACTIONS[action];
	return kind ? { kind, id: subject } : null;
}

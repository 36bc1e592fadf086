// Who may move a dossier (hồ sơ sản phẩm) from one state to another. Pure: the dossier service
// asks `canTransition` before it writes anything.

export const DOSSIER_STATES = [
	'draft',
	'submitted',
	'returned',
	'forwarded',
	'info-requested',
	'ready',
	'scheduled',
	'evaluated'
] as const;
export type DossierState = (typeof DOSSIER_STATES)[number];

export type DossierActor = 'producer' | 'commune' | 'office';

export type DossierAction =
	| 'submit'
	| 'forward'
	| 'return'
	| 'request-documents'
	| 'answer-request'
	| 'mark-ready'
	| 'schedule'
	| 'unschedule';

const RULES: Record<
	DossierAction,
	{ actor: DossierActor; from: DossierState[]; to: DossierState }
> = {
	submit: { actor: 'producer', from: ['draft'], to: 'submitted' },
	forward: { actor: 'commune', from: ['submitted'], to: 'forwarded' },
	return: { actor: 'commune', from: ['submitted'], to: 'returned' },
	'request-documents': { actor: 'office', from: ['forwarded', 'ready'], to: 'info-requested' },
	'answer-request': { actor: 'producer', from: ['info-requested'], to: 'forwarded' },
	'mark-ready': { actor: 'office', from: ['forwarded'], to: 'ready' },
	schedule: { actor: 'office', from: ['ready'], to: 'scheduled' },
	unschedule: { actor: 'office', from: ['scheduled'], to: 'ready' }
};

export function canTransition(action: DossierAction, actor: DossierActor, from: DossierState) {
	const rule = RULES[action];
	return rule.actor === actor && rule.from.includes(from);
}

export function targetState(action: DossierAction): DossierState {
	return RULES[action].to;
}

/** Only a draft changes; after submission a new version is needed (older ones are kept). */
export function isEditable(state: DossierState): boolean {
	return state === 'draft';
}

/** A producer may start a new version when the current one was returned or evaluated. */
export function canStartNewVersion(state: DossierState): boolean {
	return state === 'returned' || state === 'evaluated';
}

/** Documents the producer may still add after submission: answers to the office's request. */
export function acceptsSupplement(state: DossierState): boolean {
	return state === 'info-requested';
}

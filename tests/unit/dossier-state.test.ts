import { describe, expect, it } from 'vitest';
import {
	DOSSIER_STATES,
	canStartNewVersion,
	canTransition,
	isEditable,
	targetState,
	type DossierAction,
	type DossierActor
} from '../../src/lib/domain/dossier-state';

describe('dossier state rules', () => {
	const allowed: [DossierAction, DossierActor, string, string][] = [
		['submit', 'producer', 'draft', 'submitted'],
		['forward', 'commune', 'submitted', 'forwarded'],
		['return', 'commune', 'submitted', 'returned'],
		['request-documents', 'office', 'forwarded', 'info-requested'],
		['answer-request', 'producer', 'info-requested', 'forwarded'],
		['mark-ready', 'office', 'forwarded', 'ready'],
		['schedule', 'office', 'ready', 'scheduled'],
		['unschedule', 'office', 'scheduled', 'ready']
	];
	it.each(allowed)('%s by %s from %s', (action, actor, from, to) => {
		expect(canTransition(action, actor, from as never)).toBe(true);
		expect(targetState(action)).toBe(to);
	});

	it('refuses the wrong actor and every other state', () => {
		for (const [action, actor, from] of allowed) {
			for (const other of ['producer', 'commune', 'office'] as const)
				if (other !== actor) expect(canTransition(action, other, from as never)).toBe(false);
			for (const state of DOSSIER_STATES)
				if (state !== from && !(action === 'request-documents' && state === 'ready'))
					expect(canTransition(action, actor, state)).toBe(false);
		}
	});

	it('only a draft is editable; a new version follows a return or an evaluation', () => {
		expect(DOSSIER_STATES.filter(isEditable)).toEqual(['draft']);
		expect(DOSSIER_STATES.filter(canStartNewVersion)).toEqual(['returned', 'evaluated']);
	});
});

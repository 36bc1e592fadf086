import { describe, expect, it } from 'vitest';
import { chairKey } from '../../src/lib/client/chair-keys';
import { canMove, ITEM_STATES, type ItemState } from '../../src/lib/domain/meeting';
import {
	chairSteps,
	needsConfirm,
	nextToCall,
	type StepItem
} from '../../src/lib/domain/meeting-steps';

const item = (id: string, position: number, state: ItemState): StepItem => ({
	id,
	position,
	state
});

describe('the chair’s agenda steps', () => {
	it('offers only the first pending item’s call as primary when nothing is live', () => {
		// Positions out of order in the list: the call goes by position, not by list order.
		const agenda = [item('c', 3, 'pending'), item('a', 1, 'closed'), item('b', 2, 'pending')];
		expect(nextToCall(agenda)?.id).toBe('b');
		expect(chairSteps(agenda[2], agenda, null)).toEqual({
			primary: 'presenting',
			more: ['questions', 'scoring', 'deferred']
		});
		// The other pending item keeps every move, none of them primary.
		expect(chairSteps(agenda[0], agenda, null)).toEqual({
			primary: null,
			more: ['presenting', 'questions', 'scoring', 'deferred']
		});
	});

	it('follows the course of the live item and leaves the others only deferral', () => {
		const agenda = [item('a', 1, 'presenting'), item('b', 2, 'pending')];
		expect(chairSteps(agenda[0], agenda, 'a')).toEqual({
			primary: 'questions',
			more: ['scoring', 'deferred']
		});
		expect(chairSteps(agenda[1], agenda, 'a')).toEqual({ primary: null, more: ['deferred'] });
		const q = [item('a', 1, 'questions')];
		expect(chairSteps(q[0], q, 'a')).toEqual({
			primary: 'scoring',
			more: ['presenting', 'deferred']
		});
		// Closing happens on the board: the agenda never offers it.
		const sc = [item('a', 1, 'scoring')];
		expect(chairSteps(sc[0], sc, 'a')).toEqual({ primary: null, more: ['deferred'] });
	});

	it('never offers a move the rules refuse, nor hides one they allow', () => {
		for (const state of ITEM_STATES) {
			const it = item('x', 1, state);
			const { primary, more } = chairSteps(it, [it], null);
			const offered = [...(primary ? [primary] : []), ...more];
			for (const to of offered) expect(canMove(state, to)).toBe(true);
			for (const to of ITEM_STATES)
				if (to !== 'closed' && canMove(state, to)) expect(offered).toContain(to);
			expect(new Set(offered).size).toBe(offered.length);
		}
	});

	it('asks for confirmation before skipping or deferring, not for the usual course', () => {
		expect(needsConfirm('pending', 'presenting')).toBe(false);
		expect(needsConfirm('presenting', 'questions')).toBe(false);
		expect(needsConfirm('questions', 'scoring')).toBe(false);
		expect(needsConfirm('questions', 'presenting')).toBe(false);
		expect(needsConfirm('presenting', 'scoring')).toBe(true);
		expect(needsConfirm('pending', 'scoring')).toBe(true);
		expect(needsConfirm('pending', 'questions')).toBe(true);
		for (const from of ['pending', 'presenting', 'questions', 'scoring'] as const)
			expect(needsConfirm(from, 'deferred')).toBe(true);
	});
});

describe('the chair’s shortcuts', () => {
	const key = (k: string, extra: Partial<Parameters<typeof chairKey>[0]> = {}) =>
		chairKey({ key: k, altKey: false, ctrlKey: false, metaKey: false, target: null, ...extra });

	it('maps single keys, either case', () => {
		expect(key('n')).toBe('next');
		expect(key('N')).toBe('next');
		expect(key('t')).toBe('timer');
		expect(key('h')).toBe('hand');
		expect(key('b')).toBe('board');
		expect(key('s')).toBe('card');
		expect(key('?')).toBe('help');
		expect(key('x')).toBeNull();
	});

	it('does nothing while typing, with a modifier, held down, or under a dialog', () => {
		for (const tagName of ['INPUT', 'TEXTAREA', 'SELECT'])
			expect(key('n', { target: { tagName } as unknown as EventTarget })).toBeNull();
		expect(
			key('n', { target: { tagName: 'DIV', isContentEditable: true } as unknown as EventTarget })
		).toBeNull();
		expect(key('n', { target: { tagName: 'BUTTON' } as unknown as EventTarget })).toBe('next');
		expect(key('n', { ctrlKey: true })).toBeNull();
		expect(key('n', { altKey: true })).toBeNull();
		expect(key('n', { metaKey: true })).toBeNull();
		expect(key('n', { repeat: true })).toBeNull();
		expect(
			chairKey({ key: 'n', altKey: false, ctrlKey: false, metaKey: false, target: null }, true)
		).toBeNull();
	});
});

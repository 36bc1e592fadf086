import { describe, expect, it } from 'vitest';
import { arrangeStage, pageOf, type StageTile } from '../../src/lib/client/stage';

const tile = (identity: string, extra: Partial<StageTile> = {}): StageTile => ({
	identity,
	name: identity,
	local: false,
	hasCamera: true,
	hasScreen: false,
	...extra
});
const none = { pinned: null, presenters: [], lastSpeaker: null, grid: false };

describe('the video stage', () => {
	it('puts the presenter on stage, not last in the grid', () => {
		const tiles = [tile('me', { local: true }), tile('m1'), tile('producer')];
		const r = arrangeStage(tiles, { ...none, presenters: ['producer'] });
		expect(r.stage).toEqual({ identity: 'producer', kind: 'camera' });
		expect(r.strip).toEqual(['me', 'm1']);
	});

	it('features a shared screen and keeps its owner’s face in the strip, first', () => {
		const tiles = [tile('me', { local: true }), tile('m1'), tile('producer', { hasScreen: true })];
		const r = arrangeStage(tiles, { ...none, presenters: ['producer'] });
		expect(r.stage).toEqual({ identity: 'producer', kind: 'screen' });
		expect(r.strip).toEqual(['producer', 'me', 'm1']);
	});

	it('lets a pin win over the presenter, and ignores a pin of someone who left', () => {
		const tiles = [tile('m1'), tile('producer', { hasScreen: true })];
		const opts = { ...none, presenters: ['producer'] };
		expect(arrangeStage(tiles, { ...opts, pinned: 'm1' }).stage).toEqual({
			identity: 'm1',
			kind: 'camera'
		});
		expect(arrangeStage(tiles, { ...opts, pinned: 'gone' }).stage?.identity).toBe('producer');
	});

	it('puts the chair’s pin on stage over a shared screen, with the track the chair chose', () => {
		const tiles = [tile('me', { local: true }), tile('m1'), tile('producer', { hasScreen: true })];
		const opts = { ...none, presenters: ['producer'] };
		const camera = { identity: 'producer', kind: 'camera' as const };
		const onCamera = arrangeStage(tiles, { ...opts, chairPin: camera });
		expect(onCamera.stage).toEqual(camera);
		expect(onCamera.strip).toEqual(['me', 'm1']);
		const screen = { identity: 'producer', kind: 'screen' as const };
		expect(arrangeStage(tiles, { ...opts, chairPin: screen }).stage).toEqual(screen);
		// A member pinned by the chair wins over the presenter's shared screen for everyone...
		const m1 = { identity: 'm1', kind: 'screen' as const };
		expect(arrangeStage(tiles, { ...opts, chairPin: m1 }).stage).toEqual({
			identity: 'm1',
			kind: 'camera'
		});
		// ...unless this person pinned someone for themselves, and a pin on an absent person waits.
		const mine = arrangeStage(tiles, { ...opts, chairPin: m1, pinned: 'me' });
		expect(mine.stage).toEqual({ identity: 'me', kind: 'camera' });
		const gone = { identity: 'gone', kind: 'camera' as const };
		expect(arrangeStage(tiles, { ...opts, chairPin: gone }).stage).toEqual(screen);
	});

	it('falls back to the last remote speaker, never to oneself', () => {
		const tiles = [tile('me', { local: true }), tile('m1'), tile('m2')];
		expect(arrangeStage(tiles, { ...none, lastSpeaker: 'm2' }).stage?.identity).toBe('m2');
		expect(arrangeStage(tiles, { ...none, lastSpeaker: 'me' }).stage).toBeNull();
		expect(arrangeStage(tiles, none)).toEqual({ stage: null, strip: ['me', 'm1', 'm2'] });
	});

	it('has no stage in grid view, with every tile in it', () => {
		const tiles = [tile('m1'), tile('producer', { hasScreen: true })];
		expect(arrangeStage(tiles, { ...none, presenters: ['producer'], grid: true })).toEqual({
			stage: null,
			strip: ['producer', 'm1']
		});
	});

	it('pages the strip and clamps a page that no longer exists', () => {
		const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
		expect(pageOf(ids, 0, 4)).toEqual({ items: ['a', 'b', 'c', 'd'], page: 0, pages: 3 });
		expect(pageOf(ids, 2, 4)).toEqual({ items: ['i'], page: 2, pages: 3 });
		expect(pageOf(ids, 7, 4).page).toBe(2);
		expect(pageOf([], 3, 4)).toEqual({ items: [], page: 0, pages: 1 });
	});
});

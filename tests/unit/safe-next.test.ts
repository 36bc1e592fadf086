// safeNext() against the open-redirect spellings of tests/helpers/redirect-variants.ts: whatever
// it returns, a browser resolving it as a Location stays on the app's origin.
import { describe, expect, it } from 'vitest';
import { safeNext } from '../../src/lib/server/access';
import { hostileNexts, landsOn, SAFE_NEXTS } from '../helpers/redirect-variants';

const ORIGIN = 'https://ocop.example.vn';

describe('safeNext', () => {
	it.each(hostileNexts())('never leaves the origin for %j', (next) => {
		const kept = safeNext(next);
		if (kept === null) return;
		expect(landsOn(kept, ORIGIN)).toBe(ORIGIN);
		expect(kept.startsWith('//') || kept.startsWith('/\\')).toBe(false);
	});

	it('refuses the reported spellings outright', () => {
		for (const next of [
			'/..//evil.example/phish',
			'/.//evil.example/phish',
			'/a/..//evil.example/phish',
			'/%2e%2e//evil.example/phish',
			'/\\evil.example',
			'//evil.example'
		])
			expect(safeNext(next), next).toBeNull();
	});

	it.each(SAFE_NEXTS)('keeps the same-site path %j', (next, kept) => {
		expect(safeNext(next)).toBe(kept);
	});
});

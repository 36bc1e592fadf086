import { describe, expect, it } from 'vitest';
import { formatScore } from '../../src/lib/i18n/format';

describe('scores as people write them', () => {
	it.each([
		[82.67, '82,67', '82.67'],
		[82.5, '82,5', '82.5'],
		[100, '100', '100'],
		[0, '0', '0'],
		[1234.5, '1234,5', '1234.5']
	])('%s → vi %s, en %s', (value, vi, en) => {
		expect(formatScore(value, 'vi')).toBe(vi);
		expect(formatScore(value, 'en')).toBe(en);
	});

	it('shows a dash for no figure', () => {
		expect(formatScore(null, 'vi')).toBe('—');
		expect(formatScore(undefined, 'en')).toBe('—');
	});
});

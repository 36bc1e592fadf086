// The office's "new sitting" form: the instant typed in Việt Nam's time, and the main venue the
// minutes name (optional: a sitting may be held wholly online).
import { describe, expect, it } from 'vitest';
import { sittingInputOf } from '../../src/lib/server/councils/forms';

const form = (fields: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) f.set(k, v);
	return f;
};
const base = { roundId: 'r1', title: 'Phiên họp đợt 2', date: '2026-12-10', time: '08:30' };

describe('sittingInputOf', () => {
	it('keeps the main venue, trimmed, and reads an empty one as none', () => {
		expect(sittingInputOf(form({ ...base, place: '  Phòng họp tầng 3  ' }))).toEqual({
			ok: true,
			value: {
				roundId: 'r1',
				title: 'Phiên họp đợt 2',
				startsAt: Date.parse('2026-12-10T01:30:00Z'),
				place: 'Phòng họp tầng 3'
			}
		});
		const online = sittingInputOf(form({ ...base, place: '   ' }));
		expect(online.ok && online.value.place).toBeNull();
		const absent = sittingInputOf(form(base));
		expect(absent.ok && absent.value.place).toBeNull();
	});

	it('refuses control characters in the venue as in the title', () => {
		expect(sittingInputOf(form({ ...base, place: 'Phòng\u0007họp' }))).toEqual({
			ok: false,
			key: 'errors.controlChars'
		});
	});
});

import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, sittingIcs } from '../../src/lib/server/notifications/ics';

const unfold = (text: string) => text.replace(/\r\n /g, '');

describe('the .ics writer', () => {
	it('escapes backslash, comma, semicolon and every newline form in TEXT', () => {
		expect(escapeText('a,b;c\\d\ne\r\nf\rg')).toBe('a\\,b\\;c\\\\d\\ne\\nf\\ng');
	});

	it('folds at 75 octets, never inside a UTF-8 character, and unfolds to the same line', () => {
		const line = 'SUMMARY:' + 'Phiên họp đánh giá, phân hạng sản phẩm OCOP '.repeat(6);
		const folded = foldLine(line);
		const parts = folded.split('\r\n');
		expect(parts.length).toBeGreaterThan(3);
		for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(75);
		for (const p of parts.slice(1)) expect(p.startsWith(' ')).toBe(true);
		// No part ends in half a character: each decodes back to itself.
		for (const p of parts) expect(Buffer.from(p, 'utf8').toString('utf8')).toBe(p);
		expect(unfold(folded)).toBe(line);
		expect(foldLine('short')).toBe('short');
		expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
		expect(foldLine('x'.repeat(76))).toBe('x'.repeat(75) + '\r\n x');
	});

	it('writes one VEVENT with CRLF lines, a UTC start, a stable UID and the escaped title', () => {
		const base = {
			sittingId: 's1',
			userId: 'u1',
			title: 'Đợt 2, 2026; họp\nchiều',
			startsAt: Date.UTC(2026, 11, 10, 1, 30),
			minutes: 90,
			url: 'https://ocop.test/sittings/s1',
			host: 'ocop.test',
			now: Date.UTC(2026, 11, 1)
		};
		const ics = sittingIcs(base);
		expect(ics.endsWith('\r\n')).toBe(true);
		expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		const lines = unfold(ics).trimEnd().split('\r\n');
		expect(lines[0]).toBe('BEGIN:VCALENDAR');
		expect(lines.at(-1)).toBe('END:VCALENDAR');
		expect(lines).toContain('DTSTART:20261210T013000Z');
		expect(lines).toContain('DTEND:20261210T030000Z');
		expect(lines).toContain('SUMMARY:Đợt 2\\, 2026\\; họp\\nchiều');
		expect(lines).toContain('UID:sitting-s1-u1@ocop.test');
		expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
		// Sent again later, the same UID: the calendar updates its entry instead of adding one.
		const again = unfold(sittingIcs({ ...base, now: base.now + 86_400_000 }));
		expect(again).toContain('UID:sitting-s1-u1@ocop.test');
		expect(unfold(sittingIcs({ ...base, userId: 'u2' }))).toContain('UID:sitting-s1-u2@ocop.test');
	});
});

// A certificate is valid through its last day D ("có giá trị đến hết ngày D" on the certificate
// and the decision's annex) and no longer valid from D+1. The office's pages say the same: the
// column holds D under "valid through", and an expired certificate reads "expired from D+1",
// never "from D" (which would contradict the certificate printed for the producer).
import { describe, expect, it } from 'vitest';
import { useBuiltApp } from '../helpers/app-server';
import { seedCertified, vnMorning } from '../helpers/certified-world';

// Signed 10/01/2022: valid through 09/01/2025, expired from 10/01/2025, beyond the grace today.
const app = useBuiltApp({
	seed: (db) => seedCertified(db, vnMorning('2022-01-05'), ['old'], '2022-01-10', 'ph')
});

describe('the dates of an expired certificate on the office pages', () => {
	it('name the first day it is no longer valid, under a heading that says what the date is', async () => {
		const { decisionId, office } = app.seeded;
		const cookie = app.signIn(office.id);
		const get = async (path: string, locale = 'vi') => {
			const res = await fetch(app.url + path, {
				headers: { cookie: `${cookie}; ocop_lang=${locale}` }
			});
			expect(res.status).toBe(200);
			return (await res.text()).replace(/<!--[^]*?-->/g, '').replace(/\s+/g, ' ');
		};
		const page = await get(`/office/decisions/${decisionId}`);
		expect(page).toContain('Hết hạn từ 10/01/2025');
		expect(page).not.toContain('Hết hạn từ 09/01/2025');
		const list = await get('/office/decisions');
		expect(list).toContain('Hiệu lực đến hết ngày');
		expect(list).toContain('Hết hạn từ 10/01/2025');
		const en = await get('/office/decisions', 'en');
		expect(en).toContain('Valid through');
		// The English page says its dates as English pages do.
		expect(en).toContain('Expired since 10 Jan 2025');
	});
});

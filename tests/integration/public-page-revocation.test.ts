// A revocation reaches a product's public page at once, though that page is kept warm for its
// readers (server/public-warm.ts): against the built app on a real SQLite file, the revocation
// written by another connection, as the office's form or the CLI would.
import { describe, expect, it } from 'vitest';
import { revokeCertificate } from '../../src/lib/server/certificates/revocation';
import { useBuiltApp } from '../helpers/app-server';
import { seedCertified, vnMorning, type CertifiedWorld } from '../helpers/certified-world';

const GROUND = 'Kết quả kiểm nghiệm ngày 02/3/2026 không đạt chỉ tiêu vi sinh theo TCVN 5107:2018';
let cw: CertifiedWorld;
const app = useBuiltApp({
	seed: (db) => {
		cw = seedCertified(db, vnMorning('2026-01-10'), ['a', 'b'], '2026-01-15', 'rv');
	}
});

const get = async (path: string) => {
	const res = await fetch(app.url + path);
	return { status: res.status, cache: res.headers.get('x-cache'), text: await res.text() };
};

describe('a revoked certificate on a warm product page', () => {
	it('shows the revocation on the very next answer, and leaves the other product valid', async () => {
		const [a, b] = cw.certs.map((c) => `/results/${c.seq}`);
		const fourStars = '/results?stars=4';
		for (const path of [fourStars, fourStars]) {
			const page = await get(path);
			expect(page.text).toContain('Tổng số: 2');
			expect(page.text).toContain(`href="${a}"`);
		}
		for (const path of [a, a, b, b]) {
			const page = await get(path);
			expect(page.status).toBe(200);
			expect(page.text).not.toContain('data-testid="revoked-by"');
		}
		expect((await get(a)).cache).toBe('hit');
		revokeCertificate(
			app.db,
			cw.office.id,
			{
				seq: cw.certs[0].seq,
				ground: GROUND,
				number: '',
				decidedOn: '2026-03-10',
				signer: 'Trần Nam Hưng',
				signerTitle: 'Phó Chủ tịch UBND thành phố'
			},
			vnMorning('2026-03-10')
		);
		// Whoever renders it first, the reader or the app ahead of the reader, renders it anew.
		const revoked = await get(a);
		expect(revoked.text).toContain('data-testid="revoked-by"');
		expect(revoked.text).toContain(GROUND);
		// The list keeps it, marked revoked; the 4★ filter and its count no longer hold it.
		const filtered = await get(fourStars);
		expect(filtered.text).toContain('Tổng số: 1');
		expect(filtered.text).not.toContain(`href="${a}"`);
		const all = await get('/results');
		expect(all.text).toContain('data-kind="revoked"');
		expect(revoked.text).toContain('data-kind="revoked"');
		expect(revoked.text).not.toContain('data-kind="recognized"');
		const other = await get(b);
		expect(other.text).toContain('data-testid="certificate-standing"');
		expect(other.text).not.toContain('data-testid="revoked-by"');
	});
});

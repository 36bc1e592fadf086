// Re-evaluation filing against the built app on the real clock. RULES.md rule 10 files it 180 to
// 120 days before expiry, and only then: one filed on time carries no "Nộp muộn" mark, and a
// producer past the window is no longer offered it but told that the deadline has passed.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/lib/domain/certificate-life';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { registerRenewal } from '../../src/lib/server/certificates/register-renewal';
import { decisionItems, organizations } from '../../src/lib/server/db/schema';
import { seedDemoSelfAssessment } from '../../src/lib/server/dossiers/demo';
import { submitDossier } from '../../src/lib/server/dossiers/lifecycle';
import { vnDate } from '../../src/lib/server/results/figures';
import { useBuiltApp } from '../helpers/app-server';
import { seedCertified, type CertifiedWorld } from '../helpers/certified-world';
import { attachEvidencePdf } from '../helpers/sample-pdf';

let cw: CertifiedWorld;
const today = vnDate(Date.now());
const dmy = (iso: string) => iso.split('-').reverse().join('/');
// Days from today to expiry: filed on time; past the window, not filed.
const DAYS = [150, 50];
const dossierIds: string[] = [];
const cookies: string[] = [];
let officeCookie = '';

const app = useBuiltApp({
	seed: (db, dir) => {
		cw = seedCertified(db, Date.now(), ['ontime', 'closed'], '2024-01-10', 'lf');
		const policy = { idleMs: 3_600_000, absoluteMs: 8 * 3_600_000 };
		DAYS.forEach((days, i) => {
			db.update(decisionItems)
				.set({ expiresOn: addDays(today, days) })
				.where(eq(decisionItems.seq, cw.certs[i].seq))
				.run();
			const producer = cw.certs[i].producer;
			db.update(organizations)
				.set({ registrationNo: `40001234${i}` })
				.where(eq(organizations.id, producer.organizationId!))
				.run();
			cookies.push(`${SESSION_COOKIE}=${createSession(db, producer.id, policy, Date.now()).token}`);
			if (i === 1) return;
			const id = registerRenewal(
				db,
				producer,
				{ seq: cw.certs[i].seq, sampleCount: 1 },
				Date.now()
			);
			seedDemoSelfAssessment(db, id, 7);
			attachEvidencePdf(db.$client, dir, {
				id: `lf-ev-${i}`,
				dossierId: id,
				leafCode: '1.1',
				name: 'Giấy chứng nhận đăng ký kinh doanh.pdf',
				pdf: Buffer.from('%PDF-1.4\n%%EOF\n')
			});
			submitDossier(db, producer, id, Date.now());
			dossierIds.push(id);
		});
		officeCookie = `${SESSION_COOKIE}=${createSession(db, cw.office.id, policy, Date.now()).token}`;
	}
});

const page = async (path: string, cookie: string) => {
	const res = await fetch(app.url + path, { headers: { cookie } });
	expect(res.status).toBe(200);
	return res.text();
};

describe('re-evaluation filing and its window', () => {
	it('filed on time: the dossier page names the certificate, with no late mark', async () => {
		const onTime = await page(`/office/dossiers/${dossierIds[0]}`, officeCookie);
		expect(onTime).toContain('data-testid="renews"');
		expect(onTime).not.toContain('data-testid="filed-late"');
		const own = await page(`/producer/dossiers/${dossierIds[0]}`, cookies[0]);
		expect(own).not.toContain('Nộp muộn');
	});

	it('is no longer offered 50 days before expiry: the home says the deadline has passed', async () => {
		const home = await page('/producer', cookies[1]);
		expect(home).not.toContain(`/producer/renew?seq=${cw.certs[1].seq}`);
		expect(home).toContain(`Đã qua hạn nộp hồ sơ đánh giá lại (ngày ${dmy(addDays(today, -70))})`);
		expect(home).toContain(dmy(addDays(today, 50)));
	});
});

// A re-evaluation filed after the window (120 days before expiry) but before expiry, against the
// built app on the real clock: accepted, and both the office's and the producer's dossier pages
// say "Nộp muộn" with the day filed and the deadline; one filed on time says nothing of the kind.
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
// Days from today to expiry: filed late, filed on time, not yet filed (late if filed today).
const DAYS = [100, 150, 50];
const dossierIds: string[] = [];
const cookies: string[] = [];
let officeCookie = '';

const app = useBuiltApp({
	seed: (db, dir) => {
		cw = seedCertified(db, Date.now(), ['late', 'ontime', 'open'], '2024-01-10', 'lf');
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
			if (i === 2) return;
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

describe('a late re-evaluation filing', () => {
	const lateNote = `Nộp muộn: hồ sơ nộp ngày ${dmy(today)}, sau hạn nộp ngày ${dmy(addDays(today, -20))}`;

	it('is marked on the office’s dossier page, with the day filed and the deadline', async () => {
		const late = await page(`/office/dossiers/${dossierIds[0]}`, officeCookie);
		expect(late).toContain('data-testid="filed-late"');
		expect(late).toContain(lateNote);
		const onTime = await page(`/office/dossiers/${dossierIds[1]}`, officeCookie);
		expect(onTime).toContain('data-testid="renews"');
		expect(onTime).not.toContain('data-testid="filed-late"');
	});

	it('is marked on the producer’s own dossier page too', async () => {
		const own = await page(`/producer/dossiers/${dossierIds[0]}`, cookies[0]);
		expect(own).toContain(lateNote);
	});

	it('is still offered to a producer 50 days before expiry, saying it will be marked late', async () => {
		const home = await page('/producer', cookies[2]);
		expect(home).toContain(`/producer/renew?seq=${cw.certs[2].seq}`);
		expect(home).toContain('hồ sơ bị đánh dấu nộp muộn');
		expect(home).toContain(dmy(addDays(today, 50)));
	});
});

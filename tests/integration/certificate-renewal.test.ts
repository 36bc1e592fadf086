// Re-evaluation against a certificate, on a real SQLite file with the injected clock: the filing
// window (180 to 120 days before expiry) and the grace (180 days after) at their exact edges,
// the link shown on both sides, and who may renew what.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/lib/i18n';
import { registerRenewal } from '../../src/lib/server/certificates/register-renewal';
import {
	renewalsOfCertificate,
	renewalsOfDossiers
} from '../../src/lib/server/certificates/standing';
import { dossiers, organizations, products } from '../../src/lib/server/db/schema';
import { seedDemoSelfAssessment } from '../../src/lib/server/dossiers/demo';
import { attachEvidencePdf } from '../helpers/sample-pdf';
import { refusalStatus } from '../../src/lib/server/refusal';
import { submitDossier } from '../../src/lib/server/dossiers/lifecycle';
import { dossierView } from '../../src/lib/server/dossiers/view';
import { refusalOf } from '../helpers/refusal-of';
import { seedCertified, vnMorning, type CertifiedWorld } from '../helpers/certified-world';
import { makeTestContext, type TestContext } from '../helpers/context';

// Decided 02/12/2023: valid 36 months, through 01/12/2026; window 04/06/2026–03/08/2026; grace to 30/05/2027.
let ctx: TestContext;
let cw: CertifiedWorld;

beforeAll(() => {
	ctx = makeTestContext();
	cw = seedCertified(ctx.db, ctx.now(), ['a', 'b', 'c', 'd', 'e', 'f'], '2023-12-02');
});
afterAll(() => ctx.cleanup());

const setDay = (iso: string, at = vnMorning(iso)) => ctx.advance(at - ctx.now());

const renew = (i: number) =>
	registerRenewal(
		ctx.db,
		cw.certs[i].producer,
		{ seq: cw.certs[i].seq, sampleCount: 2 },
		ctx.now()
	);
const dossierCount = () => ctx.db.select().from(dossiers).all().length;

describe('the filing window and the grace, at their edges', () => {
	it('refuses 181 days before expiry, saying from which day to file, and changes nothing', () => {
		setDay('2026-06-03');
		const before = dossierCount();
		const e = refusalOf(() => renew(0));
		expect(e.key).toBe('certificates.errors.filingNotYet');
		const vi = translator('vi')(e.key, e.params);
		expect(vi).toContain('Hãy đăng ký lại từ ngày 04/06/2026');
		expect(vi).toContain('đến ngày 03/08/2026');
		expect(vi).toContain('hết hạn ngày 01/12/2026');
		expect(translator('en')(e.key, e.params)).toContain('Register again from 04/06/2026');
		expect(dossierCount()).toBe(before);
	});

	it('accepts exactly 180 days before expiry, on the first minute of the day (VN time)', () => {
		setDay('2026-06-04', Date.parse('2026-06-03T17:00:00Z'));
		const id = renew(0);
		const row = ctx.db.select().from(dossiers).where(eq(dossiers.id, id)).get()!;
		expect(row.registrationKind).toBe('reevaluation');
		const product = ctx.db.select().from(products).where(eq(products.id, row.productId)).get()!;
		expect(product.name).toBe('Sản phẩm a');
		expect(product.organizationId).toBe(cw.certs[0].producer.organizationId);
	});

	it('accepts 120 days before expiry, and refuses 119 days before, with the window’s dates', () => {
		setDay('2026-08-03', Date.parse('2026-08-03T16:59:59Z')); // 23:59:59 VN, the last day
		expect(typeof renew(1)).toBe('string');
		setDay('2026-08-04', Date.parse('2026-08-03T17:00:00Z')); // 00:00 VN, 119 days left
		const before = dossierCount();
		const e = refusalOf(() => renew(4));
		expect(e.key).toBe('certificates.errors.filingClosed');
		expect(translator('vi')(e.key, e.params)).toBe(
			'Đã hết hạn nộp hồ sơ đánh giá lại: hồ sơ chỉ được nộp từ ngày 04/06/2026 đến hết ngày ' +
				'03/08/2026 (từ 180 đến 120 ngày trước khi giấy chứng nhận hết hạn ngày 01/12/2026). ' +
				'Sau ngày hết hạn, hãy đăng ký sản phẩm như lần đầu.'
		);
		expect(translator('en')(e.key, e.params)).toContain('only from 04/06/2026 through 03/08/2026');
		expect(dossierCount()).toBe(before);
	});

	it('refuses on the expiry day, the day after and beyond: rule 10 knows no grace', () => {
		for (const day of ['2026-12-01', '2026-12-02', '2027-05-30', '2027-05-31']) {
			setDay(day);
			const before = dossierCount();
			expect(refusalOf(() => renew(2)).key, day).toBe('certificates.errors.filingClosed');
			expect(dossierCount()).toBe(before);
		}
	});
});

describe('the window is checked again when the dossier is filed', () => {
	// Files the re-evaluation of certificate i for real: profile, self-assessment, evidence, submit.
	function file(i: number): string {
		const [link] = renewalsOfCertificate(ctx.db, cw.certs[i].seq);
		const orgId = cw.certs[i].producer.organizationId!;
		ctx.db
			.update(organizations)
			.set({ registrationNo: '4000123456' })
			.where(eq(organizations.id, orgId))
			.run();
		seedDemoSelfAssessment(ctx.db, link.dossierId, 7);
		attachEvidencePdf(ctx.db.$client, ctx.dir, {
			id: `ev-${i}`,
			dossierId: link.dossierId,
			leafCode: '1.1',
			name: 'Giấy chứng nhận đăng ký kinh doanh.pdf',
			pdf: Buffer.from('%PDF-1.4\n%%EOF\n')
		});
		submitDossier(ctx.db, cw.certs[i].producer, link.dossierId, ctx.now());
		return link.dossierId;
	}

	it('on time: filed, no mark; registered in the window but submitted after it: refused', () => {
		setDay('2026-08-03');
		const onTime = file(1);
		expect(renewalsOfDossiers(ctx.db, [onTime]).get(onTime)).toMatchObject({
			timing: 'on-time',
			filedOn: '2026-08-03'
		});
		setDay('2026-07-01');
		expect(typeof renew(5)).toBe('string');
		setDay('2026-08-20');
		expect(refusalOf(() => file(5)).key).toBe('certificates.errors.filingClosed');
	});
});

describe('the link between a re-evaluation and its certificate', () => {
	it("is shown on the producer's dossier and on the certificate", () => {
		const [link] = renewalsOfCertificate(ctx.db, cw.certs[0].seq);
		expect(link).toMatchObject({ productName: 'Sản phẩm a', state: 'draft', version: 1 });
		const view = dossierView(ctx.db, cw.certs[0].producer, link.dossierId);
		expect(view.renews).toEqual({
			seq: cw.certs[0].seq,
			certificateNo: 'cw-GCN-1',
			expiresOn: '2026-12-01',
			windowCloses: '2026-08-03',
			filedOn: null,
			timing: null
		});
		// The office reads it once it is forwarded (the written-round test reads it there).
	});

	it('is one re-evaluation per certificate', () => {
		setDay('2026-07-01');
		expect(refusalOf(() => renew(0)).key).toBe('certificates.errors.alreadyRenewed');
	});

	it("refuses another organisation's certificate as if it did not exist", () => {
		const other = cw.certs[1].producer;
		const e = refusalOf(() =>
			registerRenewal(ctx.db, other, { seq: cw.certs[0].seq, sampleCount: 1 }, ctx.now())
		);
		expect(e.key).toBe('certificates.errors.notFound');
		expect(refusalStatus(e)).toBe(404);
		// A missing, zero or absurd number answers the same.
		for (const seq of [999_999, 0, -1, Number.MAX_SAFE_INTEGER])
			expect(
				refusalOf(() => registerRenewal(ctx.db, other, { seq, sampleCount: 1 }, ctx.now())).key
			).toBe('certificates.errors.notFound');
		// An office account is not a producer, even with the right id.
		expect(
			refusalStatus(
				refusalOf(() =>
					registerRenewal(ctx.db, cw.office, { seq: cw.certs[0].seq, sampleCount: 1 }, ctx.now())
				)
			)
		).toBe(404);
	});

	it('checks the window again when the dossier is submitted (the day it is filed)', () => {
		const [link] = renewalsOfCertificate(ctx.db, cw.certs[0].seq);
		setDay('2026-06-01');
		const e = refusalOf(() =>
			submitDossier(ctx.db, cw.certs[0].producer, link.dossierId, ctx.now())
		);
		expect(e.key).toBe('certificates.errors.filingNotYet');
		const row = ctx.db.select().from(dossiers).where(eq(dossiers.id, link.dossierId)).get()!;
		expect(row.state).toBe('draft');
		// Inside the window the same submit gets past the window to the dossier's own checks.
		setDay('2026-07-01');
		const inside = refusalOf(() =>
			submitDossier(ctx.db, cw.certs[0].producer, link.dossierId, ctx.now())
		);
		expect(inside.key).not.toMatch(/^certificates\.errors\.filing/);
	});
});

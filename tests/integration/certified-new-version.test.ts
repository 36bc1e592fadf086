// A product whose certificate is in force is not evaluated again as a new version of its dossier
// (rule 10: a re-evaluation is filed 180 to 120 days before expiry, through /producer/renew).
// Before, "new version" on the evaluated dossier gave a draft that could be submitted the same
// day, as a first registration, about 1,000 days before the certificate's window opened.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/lib/i18n';
import { revokeCertificate } from '../../src/lib/server/certificates/revocation';
import { dossiers } from '../../src/lib/server/db/schema';
import { startNewVersion, submitDossier } from '../../src/lib/server/dossiers/lifecycle';
import { refusalOf } from '../helpers/refusal-of';
import { seedCertified, vnMorning, type CertifiedWorld } from '../helpers/certified-world';
import { makeTestContext, type TestContext } from '../helpers/context';

// Decided 02/12/2025: valid 36 months, through 01/12/2028; the window opens 04/06/2028.
let ctx: TestContext;
let cw: CertifiedWorld;

beforeAll(() => {
	ctx = makeTestContext();
	cw = seedCertified(ctx.db, ctx.now(), ['a', 'b', 'c', 'd'], '2025-12-02');
	setDay('2026-12-06');
});
afterAll(() => ctx.cleanup());

const setDay = (iso: string) => ctx.advance(vnMorning(iso) - ctx.now());
const dossierOf = (i: number) => `dossier-cw-${cw.certs[i].key}`;
const versions = (i: number) =>
	ctx.db
		.select({ id: dossiers.id, state: dossiers.state })
		.from(dossiers)
		.where(eq(dossiers.productId, `product-cw-${cw.certs[i].key}`))
		.all();

describe('a new version of a certified product', () => {
	it('is refused while the certificate is in force, naming it and when re-evaluation opens', () => {
		const before = versions(0);
		const r = refusalOf(() =>
			startNewVersion(ctx.db, cw.certs[0].producer, dossierOf(0), ctx.now())
		);
		expect(r.key).toBe('dossier.errors.certifiedInForce');
		const text = translator('vi')(r.key, r.params);
		expect(text).toContain('cw-GCN-1');
		expect(text).toContain('01/12/2028');
		expect(text).toContain('04/06/2028');
		expect(translator('en')(r.key, r.params)).toContain('cw-GCN-1');
		expect(versions(0)).toEqual(before);
	});

	it('is refused in the filing window too: a re-evaluation goes through its own form', () => {
		setDay('2028-07-01');
		const r = refusalOf(() =>
			startNewVersion(ctx.db, cw.certs[0].producer, dossierOf(0), ctx.now())
		);
		expect(r.key).toBe('dossier.errors.certifiedInForce');
		setDay('2026-12-06');
	});

	it('is a new attempt once the certificate has expired', () => {
		setDay('2028-12-02');
		const v2 = startNewVersion(ctx.db, cw.certs[1].producer, dossierOf(1), ctx.now());
		expect(versions(1).map((v) => v.id)).toContain(v2);
		setDay('2026-12-06');
	});

	it('is a new attempt once the certificate has been revoked', () => {
		revokeCertificate(
			ctx.db,
			cw.office.id,
			{
				seq: cw.certs[2].seq,
				ground: 'Sản phẩm không còn duy trì chất lượng như khi được công nhận',
				number: '',
				decidedOn: '2026-12-01',
				signer: 'Lê Trung Chinh',
				signerTitle: 'Chủ tịch UBND thành phố'
			},
			ctx.now()
		);
		const v2 = startNewVersion(ctx.db, cw.certs[2].producer, dossierOf(2), ctx.now());
		expect(versions(2).map((v) => v.id)).toContain(v2);
	});

	it('is refused at submit when the certificate is in force on the day it is filed', () => {
		// A draft made while the certificate was not in force (here: after its expiry, by the
		// clock), filed on a day it is.
		setDay('2028-12-02');
		const v2 = startNewVersion(ctx.db, cw.certs[3].producer, dossierOf(3), ctx.now());
		setDay('2026-12-06');
		const r = refusalOf(() => submitDossier(ctx.db, cw.certs[3].producer, v2, ctx.now()));
		expect(r.key).toBe('dossier.errors.certifiedInForce');
		expect(versions(3).find((v) => v.id === v2)?.state).toBe('draft');
	});
});

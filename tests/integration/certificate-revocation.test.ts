// Revocation and complaints on a real SQLite file, and the standing the public page reads: valid,
// expiring, expired in grace, expired and revoked, each with its dates.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	complaintsOf,
	recordComplaint,
	updateComplaint
} from '../../src/lib/server/certificates/complaints';
import { groundText } from '../../src/lib/domain/revocation';
import { publicCertificate } from '../../src/lib/server/certificates/public';
import { registerRenewal } from '../../src/lib/server/certificates/register-renewal';
import { revokeCertificate } from '../../src/lib/server/certificates/revocation';
import { certificateRevocations, documentRegister } from '../../src/lib/server/db/schema';
import { isRefusal } from '../../src/lib/server/refusal';
import { certificateWatch } from '../../src/lib/server/results/decisions';
import { seedCertified, vnMorning, type CertifiedWorld } from '../helpers/certified-world';
import { makeTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
let cw: CertifiedWorld;

let registerBefore: unknown[];

beforeAll(() => {
	ctx = makeTestContext();
	cw = seedCertified(ctx.db, ctx.now(), ['x', 'y'], '2023-12-02', 'rv');
	registerBefore = ctx.db.select().from(documentRegister).all();
});
afterAll(() => ctx.cleanup());

const setDay = (iso: string) => ctx.advance(vnMorning(iso) - ctx.now());
const refusalKey = (run: () => unknown) => {
	try {
		run();
	} catch (e) {
		if (isRefusal(e)) return e.key;
		throw e;
	}
	return null;
};
// The ground in the revoking decision's own words: RULES.md states no list of grounds.
const GROUND = 'Kết quả kiểm nghiệm ngày 02/3/2026 không đạt chỉ tiêu vi sinh theo TCVN 5107:2018';
const revocation = {
	ground: GROUND,
	number: '',
	decidedOn: '2026-03-10',
	signer: 'Trần Nam Hưng',
	signerTitle: 'Phó Chủ tịch UBND thành phố'
};

describe('the public standing of a certificate, by day', () => {
	const at = (iso: string) => {
		setDay(iso);
		return publicCertificate(ctx.db, cw.certs[1].seq, ctx.now())!.standing;
	};
	it('is valid, expiring from 180 days before, in grace after expiry, then expired', () => {
		expect(at('2026-06-03')).toMatchObject({ public: 'valid', expiresOn: '2026-12-01' });
		expect(at('2026-06-04')).toMatchObject({ public: 'expiring', phase: 'window' });
		expect(at('2026-06-04').daysToFilingDeadline).toBe(60);
		expect(at('2026-09-01')).toMatchObject({ public: 'expiring', phase: 'closing' });
		expect(at('2026-12-01').public).toBe('expiring'); // the last valid day
		expect(at('2026-12-02')).toMatchObject({ public: 'grace', graceDaysLeft: 179 });
		expect(at('2027-05-30')).toMatchObject({ public: 'grace', graceDaysLeft: 0 });
		expect(at('2027-05-31')).toMatchObject({ public: 'expired', graceEnds: '2027-05-30' });
	});
});

describe('revocation', () => {
	/** The refusal's key for a revocation of the first certificate with `more` changed. */
	const revoke = (more: Partial<typeof revocation>) =>
		refusalKey(() =>
			revokeCertificate(
				ctx.db,
				cw.office.id,
				{ seq: cw.certs[0].seq, ...revocation, ...more },
				ctx.now()
			)
		);

	it('refuses a missing, empty-looking, oversized or bare-code ground, and a missing signer', () => {
		for (const ground of ['', '   ', ' — ; . ', '\n\t'])
			expect(revoke({ ground })).toBe('certificates.errors.groundRequired');
		// A code of the withdrawn invented list is no ground: it would read as that category.
		expect(revoke({ ground: 'standards' })).toBe('certificates.errors.groundRequired');
		expect(revoke({ ground: ' other ' })).toBe('certificates.errors.groundRequired');
		expect(revoke({ ground: 'ă'.repeat(2001) })).toBe('certificates.errors.groundTooLong');
		expect(revoke({ signer: '' })).toBe('certificates.errors.badSigner');
		expect(revoke({ decidedOn: '2023-11-30' })).toBe('certificates.errors.beforeDecision');
		// The recognition decision's own number cannot be reused for the revocation.
		expect(revoke({ number: '102/QĐ-UBND' })).toBe('certificates.errors.numberTaken');
		expect(ctx.db.select().from(certificateRevocations).all()).toEqual([]);
	});

	it('refuses control characters and bidi overrides in what the decision prints, with a message', () => {
		for (const bad of ['Nguyễn \u202EnăV', 'Phó Chủ tịch\u0000\u0007', 'a\u2066b', 'x\ny'])
			for (const field of ['signer', 'signerTitle', 'number'] as const)
				expect(revoke({ [field]: bad }), `${field}=${JSON.stringify(bad)}`).toBe(
					'errors.controlChars'
				);
		// The ground may run over several lines, but hides nothing.
		for (const ground of [`${GROUND}\u0007`, `${GROUND} \u202Eđạt`, `${GROUND}\u001b[2J`])
			expect(revoke({ ground }), JSON.stringify(ground)).toBe('errors.controlCharsText');
		expect(ctx.db.select().from(certificateRevocations).all()).toEqual([]);
		expect(ctx.db.select().from(documentRegister).all()).toEqual(registerBefore);
	});

	it('refuses a revocation dated after today (Việt Nam), changing nothing', () => {
		// Recorded on 06/12/2026, dated 30/06/2027: the page said "không còn giá trị" that day.
		setDay('2026-12-06');
		expect(revoke({ decidedOn: '2027-06-30' })).toBe('certificates.errors.futureDate');
		expect(revoke({ decidedOn: '2026-12-07' })).toBe('certificates.errors.futureDate');
		// 23:30 on 06/12 in Việt Nam is still the 6th there.
		ctx.advance(Date.parse('2026-12-06T16:30:00Z') - ctx.now());
		expect(revoke({ decidedOn: '2026-12-07' })).toBe('certificates.errors.futureDate');
		expect(ctx.db.select().from(certificateRevocations).all()).toEqual([]);
		expect(ctx.db.select().from(documentRegister).all()).toEqual(registerBefore);
		expect(publicCertificate(ctx.db, cw.certs[0].seq, ctx.now())!.standing.public).not.toBe(
			'revoked'
		);
	});

	it('takes a number from the register, shows revoked with its decision, and is final', () => {
		setDay('2026-03-12');
		const number = revokeCertificate(
			ctx.db,
			cw.office.id,
			{ seq: cw.certs[0].seq, ...revocation },
			ctx.now()
		);
		expect(number).toMatch(/^\d{2,}\/QĐ-/);
		const registered = ctx.db
			.select()
			.from(documentRegister)
			.where(eq(documentRegister.symbol, number))
			.get();
		expect(registered?.year).toBe(2026);
		const pub = publicCertificate(ctx.db, cw.certs[0].seq, ctx.now())!;
		expect(pub.standing).toMatchObject({ public: 'revoked', revokedOn: '2026-03-10' });
		expect(pub.revocation).toMatchObject({ number, ground: GROUND, decidedOn: '2026-03-10' });
		// The other certificate of the same decision stays valid.
		expect(publicCertificate(ctx.db, cw.certs[1].seq, ctx.now())!.standing.public).toBe('valid');
		expect(
			refusalKey(() =>
				revokeCertificate(ctx.db, cw.office.id, { seq: cw.certs[0].seq, ...revocation }, ctx.now())
			)
		).toBe('certificates.errors.alreadyRevoked');
		// Not even code that forgets the rule can undo it.
		expect(() => ctx.db.delete(certificateRevocations).run()).toThrow(/immutable/);
		expect(() => ctx.db.update(certificateRevocations).set({ ground: 'Lý do khác' }).run()).toThrow(
			/immutable/
		);
		expect(certificateWatch(ctx.db, '2026-03-12').revoked.map((l) => l.seq)).toEqual([
			cw.certs[0].seq
		]);
	});

	it('still reads a revocation recorded with a code of the old list, with its words', () => {
		const t = (key: string) => `[${key}]`;
		expect(groundText({ ground: 'false-dossier', detail: 'Phiếu không đúng mẫu' }, t)).toBe(
			'[certificates.legacyGrounds.false-dossier] — Phiếu không đúng mẫu'
		);
		expect(groundText({ ground: 'request', detail: '' }, t)).toBe(
			'[certificates.legacyGrounds.request]'
		);
		expect(groundText({ ground: GROUND, detail: '' }, t)).toBe(GROUND);
		const stored = ctx.db.select().from(certificateRevocations).all();
		expect(stored.map((r) => [r.ground, r.detail])).toEqual([[GROUND, '']]);
	});

	it('ends the way to re-evaluation: a revoked certificate cannot be renewed, even in its window', () => {
		setDay('2026-07-01');
		expect(
			refusalKey(() =>
				registerRenewal(
					ctx.db,
					cw.certs[0].producer,
					{ seq: cw.certs[0].seq, sampleCount: 1 },
					ctx.now()
				)
			)
		).toBe('certificates.errors.revoked');
	});
});

describe('complaints against a decision', () => {
	const base = {
		complainant: 'Ông Nguyễn Văn Tư',
		receivedOn: '2024-01-15',
		content: 'Đề nghị xem lại điểm phần C'
	};

	it('are received on or after the decision, by a known decision, with their words', () => {
		const add = (input: Partial<typeof base>, decisionId = cw.decisionId) =>
			refusalKey(() =>
				recordComplaint(ctx.db, cw.office.id, decisionId, { ...base, ...input }, ctx.now())
			);
		expect(add({ receivedOn: '2023-11-30' })).toBe('certificates.errors.receivedBeforeDecision');
		expect(add({ content: '' })).toBe('certificates.errors.complaintRequired');
		expect(add({}, 'no-such-decision')).toBe('certificates.errors.decisionNotFound');
		expect(complaintsOf(ctx.db, cw.decisionId)).toEqual([]);
	});

	it('move from received to handling to resolved, then stay as resolved', () => {
		const id = recordComplaint(ctx.db, cw.office.id, cw.decisionId, base, ctx.now());
		const update = (
			u: { status: string; resolution?: string; resolvedOn?: string },
			d = cw.decisionId
		) =>
			refusalKey(() =>
				updateComplaint(
					ctx.db,
					cw.office.id,
					d,
					id,
					{ resolution: '', resolvedOn: '', ...u },
					ctx.now()
				)
			);
		expect(update({ status: 'handling' })).toBeNull();
		expect(update({ status: 'closed' })).toBe('certificates.errors.badStatus');
		expect(update({ status: 'rejected' })).toBe('certificates.errors.resolutionRequired');
		expect(update({ status: 'rejected', resolution: 'Giữ nguyên', resolvedOn: '2024-01-01' })).toBe(
			'certificates.errors.resolvedBeforeReceived'
		);
		// Reached through another decision's page, the complaint does not exist.
		expect(update({ status: 'handling' }, 'another-decision')).toBe(
			'certificates.errors.complaintNotFound'
		);
		expect(
			update({ status: 'rejected', resolution: 'Giữ nguyên kết quả', resolvedOn: '2024-02-20' })
		).toBeNull();
		expect(complaintsOf(ctx.db, cw.decisionId)).toMatchObject([
			{ status: 'rejected', resolution: 'Giữ nguyên kết quả', resolvedOn: '2024-02-20' }
		]);
		expect(update({ status: 'handling' })).toBe('certificates.errors.complaintClosed');
	});

	it('refuse control characters and bidi overrides, with a message, and store nothing', () => {
		const before = complaintsOf(ctx.db, cw.decisionId);
		const add = (input: Partial<typeof base>) =>
			refusalKey(() =>
				recordComplaint(ctx.db, cw.office.id, cw.decisionId, { ...base, ...input }, ctx.now())
			);
		for (const complainant of ['Ông Tư\u0000', 'Ông \u202eTư', 'Ông\nTư'])
			expect(add({ complainant }), JSON.stringify(complainant)).toBe('errors.controlChars');
		for (const content of ['Đề nghị\u0007', 'Đề nghị \u2067xem lại', '\u001b[2J'])
			expect(add({ content }), JSON.stringify(content)).toBe('errors.controlCharsText');
		expect(complaintsOf(ctx.db, cw.decisionId)).toEqual(before);
		// Several lines are fine in the content and in the resolution.
		const id = recordComplaint(
			ctx.db,
			cw.office.id,
			cw.decisionId,
			{ ...base, content: 'Đề nghị:\r\n\t- xem lại điểm phần C' },
			ctx.now()
		);
		const resolve = (resolution: string) =>
			refusalKey(() =>
				updateComplaint(
					ctx.db,
					cw.office.id,
					cw.decisionId,
					id,
					{ status: 'rejected', resolution, resolvedOn: '2024-02-20' },
					ctx.now()
				)
			);
		for (const bad of ['Giữ nguyên\u0000', 'Giữ \u202enguyên'])
			expect(resolve(bad), JSON.stringify(bad)).toBe('errors.controlCharsText');
		expect(complaintsOf(ctx.db, cw.decisionId).find((c) => c.id === id)).toMatchObject({
			status: 'received',
			resolution: null
		});
		expect(resolve('Giữ nguyên kết quả.\nĐã trả lời bằng văn bản.')).toBeNull();
	});
});

import { noLiveEffects } from '../../src/lib/server/live-effects';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listLeaves } from '../../src/lib/domain/rubric';
import { getRubric } from '../../src/lib/domain/rubrics';
import { createAccount, findUserByEmail } from '../../src/lib/server/accounts';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { addItem } from '../../src/lib/server/councils/agenda';
import { recordConflict } from '../../src/lib/server/councils/conflicts';
import { createSitting, publishAgenda } from '../../src/lib/server/councils/sittings';
import { canReadDossier } from '../../src/lib/server/dossiers/access';
import { isRefusal } from '../../src/lib/server/refusal';
import { getChoices, saveSelfAssessment } from '../../src/lib/server/dossiers/self-assessment';
import { registerProduct } from '../../src/lib/server/dossiers/registration';
import { saveOrganization } from '../../src/lib/server/dossiers/organization';
import { startNewVersion, submitDossier } from '../../src/lib/server/dossiers/lifecycle';
import {
	decideCommune,
	markReady,
	requestDocuments,
	answerRequest
} from '../../src/lib/server/dossiers/review';
import { attempt } from '../../src/lib/server/refusal-kit';
import { dossierView } from '../../src/lib/server/dossiers/view';
import { auditLog, dossierFiles, organizations } from '../../src/lib/server/db/schema';
import { and, eq } from 'drizzle-orm';
import { translator } from '../../src/lib/i18n';
import { refusalOf } from '../helpers/refusal-of';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { DEMO_COUNCIL_ID } from '../../src/lib/server/seed/demo-council';
import { MAX_DOSSIER_BYTES, MAX_FILE_BYTES } from '../../src/lib/server/uploads/limits';
import { removeUpload, storeUpload } from '../../src/lib/server/uploads/store';
import { makeTestContext, type TestContext } from '../helpers/context';
import { hostile, samples } from '../helpers/upload-samples';

let ctx: TestContext;
const who = (email: string): SessionUser => {
	const u = findUserByEmail(ctx.db, email)!;
	return {
		id: u.id,
		email: u.email,
		name: u.name,
		role: u.role,
		organizationId: u.organizationId,
		communeCode: u.communeCode
	};
};
const refusal = (run: () => unknown): string => {
	try {
		run();
	} catch (e) {
		if (isRefusal(e)) return e.key;
		throw e;
	}
	return 'accepted';
};

beforeAll(async () => {
	ctx = makeTestContext();
	await seedDemo(ctx.db, ctx.now());
}, 60_000);
afterAll(() => ctx.cleanup());

describe('a dossier from registration to a published agenda', () => {
	let dossierId = '';
	const review = {
		rawMaterial: 'Chuối địa phương',
		labour: '12 lao động',
		ideaOrigin: 'HTX',
		identity: 'Quảng Nam',
		proposal: 'Đề nghị'
	};

	it('registers (Mẫu 01), self-assesses (Mẫu 02) with evidence and submits, then is frozen', () => {
		const producer = who('htx.datquang@ocop.demo');
		dossierId = registerProduct(
			ctx.db,
			producer,
			{ name: 'Chuối sấy dẻo', setNo: 7, kind: 'first', sampleCount: 3 },
			ctx.now()
		);
		const leaves = listLeaves(getRubric('qd26-2026', 7));
		const choices = Object.fromEntries(
			leaves.map((l) => [l.leaf.code, l.leaf.options.length ? 0 : 1])
		);
		expect(refusal(() => submitDossier(ctx.db, producer, dossierId, ctx.now()))).toBe(
			'dossier.errors.incomplete'
		);
		expect(
			refusal(() => saveSelfAssessment(ctx.db, producer, dossierId, { nope: 0 }, ctx.now()))
		).toBe('dossier.errors.badChoice');
		saveSelfAssessment(ctx.db, producer, dossierId, choices, ctx.now());
		// Every point claimed, but no evidence yet: the refusal names what is missing.
		expect(refusal(() => submitDossier(ctx.db, producer, dossierId, ctx.now()))).toBe(
			'dossier.errors.missingForSubmit'
		);
		expect(
			attempt('vi', {}, () => submitDossier(ctx.db, producer, dossierId, ctx.now()))
		).toMatchObject({
			status: 400,
			data: {
				message:
					'Chưa thể nộp hồ sơ: còn thiếu tài liệu minh chứng cho Báo cáo tự đánh giá (Mẫu 02).'
			}
		});
		const leaf = leaves[0].leaf.code;
		const file = storeUpload(
			ctx.db,
			ctx.config.uploadDir,
			producer,
			{
				dossierId,
				kind: 'evidence',
				leafCode: leaf,
				name: 'giấy phép.pdf',
				bytes: samples.pdf.bytes
			},
			ctx.now()
		);
		expect(file.mime).toBe('application/pdf');
		// Stored under a random name, never the client's.
		expect(readdirSync(ctx.config.uploadDir)).toEqual([expect.stringMatching(/^[0-9a-f]{32}$/)]);
		submitDossier(ctx.db, producer, dossierId, ctx.now());
		expect(dossierView(ctx.db, producer, dossierId).dossier.sampleCount).toBe(3);
		expect(refusal(() => saveSelfAssessment(ctx.db, producer, dossierId, choices, ctx.now()))).toBe(
			'dossier.errors.frozen'
		);
		expect(
			refusal(() =>
				storeUpload(
					ctx.db,
					ctx.config.uploadDir,
					producer,
					{ dossierId, kind: 'evidence', leafCode: leaf, name: 'x.pdf', bytes: samples.pdf.bytes },
					ctx.now()
				)
			)
		).toBe('dossier.upload.notAllowed');
		const view = dossierView(ctx.db, producer, dossierId);
		expect(view.dossier.state).toBe('submitted');
		expect(view.figure.answered).toBe(leaves.length);
		expect(view.figure.stars).not.toBeNull();
	});

	it('a rural-tourism dossier asks for no samples; without a tax code nothing is submitted', () => {
		const producer = who('coso.quythu@ocop.demo');
		const id = registerProduct(
			ctx.db,
			producer,
			{ name: 'Làng du lịch cộng đồng', setNo: 26, kind: 'first', sampleCount: 5 },
			ctx.now()
		);
		expect(dossierView(ctx.db, producer, id).dossier.sampleCount).toBe(0);
		const leaves = listLeaves(getRubric('qd26-2026', 26));
		saveSelfAssessment(
			ctx.db,
			producer,
			id,
			Object.fromEntries(leaves.map((l) => [l.leaf.code, l.leaf.options.length ? 0 : 1])),
			ctx.now(),
			// Option 0 of criteria 8, 9 and 15 is in case 1 (a community service).
			'a'
		);
		const org = producer.organizationId!;
		ctx.db
			.update(organizations)
			.set({ registrationNo: ' ' })
			.where(eq(organizations.id, org))
			.run();
		try {
			expect(attempt('en', {}, () => submitDossier(ctx.db, producer, id, ctx.now()))).toMatchObject(
				{
					status: 400,
					data: {
						message:
							"Cannot submit yet: missing the organisation's tax code (registration number) in its profile, evidence files for the self-assessment (Mẫu 02)."
					}
				}
			);
			expect(dossierView(ctx.db, producer, id).dossier.state).toBe('draft');
		} finally {
			ctx.db
				.update(organizations)
				.set({ registrationNo: '4000000002' })
				.where(eq(organizations.id, org))
				.run();
		}
	});

	it('the commune returns with a reason the producer sees; a new version keeps the old one', () => {
		const commune = who('xa.queson@ocop.demo');
		const producer = who('htx.datquang@ocop.demo');
		expect(
			refusal(() => decideCommune(ctx.db, commune, dossierId, review, 'return', '', ctx.now()))
		).toBe('dossier.errors.reasonRequired');
		decideCommune(ctx.db, commune, dossierId, review, 'return', 'Thiếu giấy ATTP', ctx.now());
		expect(dossierView(ctx.db, producer, dossierId).dossier.returnReason).toBe('Thiếu giấy ATTP');
		const v2 = startNewVersion(ctx.db, producer, dossierId, ctx.now());
		expect(refusal(() => startNewVersion(ctx.db, producer, dossierId, ctx.now()))).toBe(
			'dossier.errors.cannotVersion'
		);
		expect(getChoices(ctx.db, v2)).toEqual(getChoices(ctx.db, dossierId));
		expect(dossierView(ctx.db, producer, v2).files).toHaveLength(1);
		expect(dossierView(ctx.db, producer, dossierId).dossier.state).toBe('returned');
		submitDossier(ctx.db, producer, v2, ctx.now());
		dossierId = v2;
	});

	it('a commune officer of another commune cannot act', () => {
		const other = { ...who('xa.queson@ocop.demo'), communeCode: 'Xã Khác' };
		expect(
			refusal(() => decideCommune(ctx.db, other, dossierId, review, 'forward', '', ctx.now()))
		).toBe('dossier.errors.notFound');
		expect(canReadDossier(ctx.db, other, dossierId)).toBe(false);
	});

	it('forwards; the office asks for documents, the producer answers, the office marks it ready', () => {
		const office = who('vanphong@ocop.demo');
		const producer = who('htx.datquang@ocop.demo');
		decideCommune(ctx.db, who('xa.queson@ocop.demo'), dossierId, review, 'forward', '', ctx.now());
		requestDocuments(ctx.db, office, dossierId, 'Bổ sung phiếu kiểm nghiệm', ctx.now());
		storeUpload(
			ctx.db,
			ctx.config.uploadDir,
			producer,
			{
				dossierId,
				kind: 'supplement',
				leafCode: null,
				name: 'kiem-nghiem.png',
				bytes: samples.png.bytes
			},
			ctx.now()
		);
		answerRequest(ctx.db, producer, dossierId, ctx.now());
		storeUpload(
			ctx.db,
			ctx.config.uploadDir,
			office,
			{
				dossierId,
				kind: 'lab-result',
				leafCode: null,
				name: 'lab.webp',
				bytes: samples.webp.bytes
			},
			ctx.now()
		);
		expect(refusal(() => markReady(ctx.db, producer, dossierId, ctx.now()))).toBe(
			'dossier.errors.notFound'
		);
		// The lab results alone are not enough: the advisory team's report is missing.
		expect(attempt('vi', {}, () => markReady(ctx.db, office, dossierId, ctx.now()))).toMatchObject({
			status: 400,
			data: { message: 'Chưa thể chuyển Hội đồng: hồ sơ còn thiếu Báo cáo của Tổ tư vấn.' }
		});
		expect(dossierView(ctx.db, office, dossierId).dossier.state).toBe('forwarded');
		storeUpload(
			ctx.db,
			ctx.config.uploadDir,
			office,
			{
				dossierId,
				kind: 'advisory-report',
				leafCode: null,
				name: 'bao-cao-to-tu-van.pdf',
				bytes: samples.pdf.bytes
			},
			ctx.now()
		);
		markReady(ctx.db, office, dossierId, ctx.now());
		expect(dossierView(ctx.db, office, dossierId).dossier.state).toBe('ready');
	});

	it('goes on an agenda; publishing late needs a recorded reason, and opens it to voting members only', () => {
		const office = who('vanphong@ocop.demo');
		const member = who('thanhvien1@ocop.demo');
		const sittingId = createSitting(
			ctx.db,
			office,
			DEMO_COUNCIL_ID,
			{ roundId: 'demo-round-2026-2', title: 'Phiên 2', startsAt: ctx.now() + 3_600_000 },
			ctx.now()
		);
		const itemId = addItem(ctx.db, office, sittingId, dossierId, 20, ctx.now());
		expect(canReadDossier(ctx.db, member, dossierId)).toBe(false);
		// The sitting starts in an hour: refused, naming the last day, unless a reason is given.
		const e = refusalOf(() => publishAgenda(ctx.db, office, sittingId, ctx.now()));
		expect(e.key).toBe('council.errors.agendaLate');
		expect(translator('vi')(e.key, e.params)).toMatch(
			/^Chưa thể công bố: thành viên phải nhận hồ sơ ít nhất một ngày làm việc trước phiên họp ngày \d{2}\/\d{2}\/\d{4}, nên chương trình phải được công bố chậm nhất ngày \d{2}\/\d{2}\/\d{4}\./
		);
		expect(canReadDossier(ctx.db, member, dossierId)).toBe(false);
		expect(publishAgenda(ctx.db, office, sittingId, ctx.now(), '  Phiên họp khẩn  ')).toEqual({
			late: true
		});
		const logged = ctx.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'sitting.publish'), eq(auditLog.subject, sittingId)))
			.get()!;
		expect(logged.detail).toEqual({ late: true, lateReason: 'Phiên họp khẩn' });
		expect(canReadDossier(ctx.db, member, dossierId)).toBe(true);
		expect(canReadDossier(ctx.db, who('coso.quythu@ocop.demo'), dossierId)).toBe(false);
		expect(dossierView(ctx.db, who('htx.datquang@ocop.demo'), dossierId).slot).toMatchObject({
			position: 1,
			slotMinutes: 20
		});
		// A member declares for themself; only the chair or secretary records for another.
		recordConflict(
			ctx.db,
			member,
			itemId,
			member.id,
			'Người thân làm ở HTX',
			ctx.now(),
			noLiveEffects
		);
		expect(
			refusal(() =>
				recordConflict(
					ctx.db,
					member,
					itemId,
					who('thanhvien2@ocop.demo').id,
					'x',
					ctx.now(),
					noLiveEffects
				)
			)
		).toBe('council.errors.forbidden');
		recordConflict(
			ctx.db,
			who('chutich@ocop.demo'),
			itemId,
			who('thanhvien2@ocop.demo').id,
			'Cố vấn của HTX',
			ctx.now(),
			noLiveEffects
		);
	});
});

describe('a new producer account', () => {
	it('must describe its organisation before registering; the dossier goes to its commune', async () => {
		await createAccount(
			ctx.db,
			{ email: 'moi@htx.vn', name: 'Lê Thị Mới', role: 'producer', password: 'mat-khau-dai-2026' },
			null,
			ctx.now()
		);
		expect(
			refusal(() =>
				registerProduct(
					ctx.db,
					who('moi@htx.vn'),
					{ name: 'Trà', setNo: 9, kind: 'first', sampleCount: 1 },
					ctx.now()
				)
			)
		).toBe('dossier.errors.noOrganization');
		saveOrganization(
			ctx.db,
			who('moi@htx.vn'),
			{
				name: 'HTX Trà Mới',
				kind: 'cooperative',
				registrationNo: '4001234567',
				representative: 'Lê Thị Mới',
				representativeGender: 'female',
				representativeEthnicity: 'Cơ Tu',
				address: 'Thôn 1',
				province: 'Đà Nẵng',
				commune: 'Xã Tây Giang'
			},
			ctx.now()
		);
		const id = registerProduct(
			ctx.db,
			who('moi@htx.vn'),
			{ name: 'Trà', setNo: 9, kind: 'first', sampleCount: 1 },
			ctx.now()
		);
		const view = dossierView(ctx.db, who('moi@htx.vn'), id);
		expect(view.dossier.commune).toBe('Xã Tây Giang');
		expect(view.organization.representativeEthnicity).toBe('Cơ Tu');
		// A draft is nobody else's business, not even the office's or its commune's.
		expect(canReadDossier(ctx.db, who('vanphong@ocop.demo'), id)).toBe(false);
		expect(
			canReadDossier(ctx.db, { ...who('xa.queson@ocop.demo'), communeCode: 'Xã Tây Giang' }, id)
		).toBe(false);
	});
});

describe("a producer's draft, to the office", () => {
	it('every office action on it is answered as on a missing dossier, and nothing changes', () => {
		const office = who('vanphong@ocop.demo');
		const producer = who('htx.datquang@ocop.demo');
		const draft = registerProduct(
			ctx.db,
			producer,
			{ name: 'Mứt gừng', setNo: 7, kind: 'first', sampleCount: 2 },
			ctx.now()
		);
		const missing = '00000000-0000-0000-0000-000000000000';
		const sittingId = createSitting(
			ctx.db,
			office,
			DEMO_COUNCIL_ID,
			{ roundId: 'demo-round-2026-2', title: 'Phiên nháp', startsAt: ctx.now() + 3_600_000 },
			ctx.now()
		);
		const actions: Record<string, (id: string) => unknown> = {
			ready: (id) => markReady(ctx.db, office, id, ctx.now()),
			request: (id) => requestDocuments(ctx.db, office, id, 'probe', ctx.now()),
			'request, no message': (id) => requestDocuments(ctx.db, office, id, '', ctx.now()),
			agenda: (id) => addItem(ctx.db, office, sittingId, id, 15, ctx.now())
		};
		const answers = (id: string) =>
			Object.fromEntries(
				Object.entries(actions).map(([name, run]) => [name, attempt('vi', {}, () => run(id))])
			);
		expect(answers(draft)).toEqual(answers(missing));
		const notFound = { status: 404, data: { message: 'Không tìm thấy hồ sơ.' } };
		expect(answers(draft)).toMatchObject(
			Object.fromEntries(Object.keys(actions).map((name) => [name, notFound]))
		);
		const view = dossierView(ctx.db, producer, draft);
		expect(view.dossier.state).toBe('draft');
		expect(view.requests).toEqual([]);
	});
});

describe('hostile uploads are refused with a clear reason', () => {
	let draft = '';
	const up = (name: string, bytes: Uint8Array) =>
		refusal(() =>
			storeUpload(
				ctx.db,
				ctx.config.uploadDir,
				who('coso.quythu@ocop.demo'),
				{ dossierId: draft, kind: 'evidence', leafCode: '1.1', name, bytes },
				ctx.now()
			)
		);

	beforeAll(() => {
		draft = registerProduct(
			ctx.db,
			who('coso.quythu@ocop.demo'),
			{ name: 'Bánh khô mè', setNo: 6, kind: 'first', sampleCount: 2 },
			ctx.now()
		);
	});

	it.each([
		['HTML renamed .pdf', 'ho-so.pdf', hostile.htmlAsPdf, 'dossier.upload.unknown-type'],
		['a PDF/JPEG polyglot', 'anh.jpg', hostile.jpegPdf, 'dossier.upload.polyglot'],
		['a JPEG carrying HTML', 'anh.jpg', hostile.jpegWithHtml, 'dossier.upload.markup'],
		['an SVG', 'logo.svg', hostile.svg, 'dossier.upload.unknown-type'],
		[
			'a path-traversal name',
			'../../../etc/cron.d/x.pdf',
			samples.pdf.bytes,
			'dossier.upload.badName'
		],
		[
			'an oversized file',
			'big.pdf',
			new Uint8Array(MAX_FILE_BYTES + 1)
				.fill(32)
				.map((b, i) => (i < 5 ? '%PDF-'.charCodeAt(i) : b)),
			'dossier.upload.tooLarge'
		]
	])('refuses %s', (_, name, bytes, key) => {
		expect(up(name, bytes)).toBe(key);
	});

	it('refuses evidence beyond the per-dossier limit', () => {
		const big = new Uint8Array(MAX_FILE_BYTES).fill(32);
		big.set(samples.pdf.bytes);
		let key = 'accepted';
		for (let i = 0; i * MAX_FILE_BYTES <= MAX_DOSSIER_BYTES && key === 'accepted'; i++)
			key = up(`part-${i}.pdf`, big);
		expect(key).toBe('dossier.upload.dossierFull');
	});

	it('removing evidence frees its bytes on disk, unless another version still names them', () => {
		// Found from outside: upload 9 MB, remove it, again: each removal freed the dossier's
		// limit (it counts rows) and left the bytes, so the folder grew without end.
		const producer = who('coso.quythu@ocop.demo');
		const own = registerProduct(
			ctx.db,
			producer,
			{ name: 'Bánh tráng mè', setNo: 6, kind: 'first', sampleCount: 2 },
			ctx.now()
		);
		const folder = () => readdirSync(ctx.config.uploadDir).sort();
		const store = (name: string) =>
			storeUpload(
				ctx.db,
				ctx.config.uploadDir,
				producer,
				{ dossierId: own, kind: 'evidence', leafCode: '1.1', name, bytes: samples.pdf.bytes },
				ctx.now()
			);
		const before = folder();
		for (let i = 0; i < 3; i++) {
			const { id } = store(`lan-${i}.pdf`);
			expect(folder()).toHaveLength(before.length + 1);
			removeUpload(ctx.db, ctx.config.uploadDir, producer, id, ctx.now());
			expect(folder()).toEqual(before);
		}
		// Bytes another row names (as an earlier version's evidence does) stay for it.
		const kept = store('chung.pdf');
		const row = ctx.db.select().from(dossierFiles).where(eq(dossierFiles.id, kept.id)).get()!;
		ctx.db
			.insert(dossierFiles)
			.values({ ...row, id: `${row.id}-earlier`, dossierId: draft })
			.run();
		removeUpload(ctx.db, ctx.config.uploadDir, producer, kept.id, ctx.now());
		expect(folder()).toEqual([...before, row.storedName].sort());
	});

	it('refuses evidence for a dossier of another organisation, and nothing lands in the folder', () => {
		const before = existsSync(ctx.config.uploadDir) ? readdirSync(ctx.config.uploadDir).length : 0;
		const key = refusal(() =>
			storeUpload(
				ctx.db,
				ctx.config.uploadDir,
				who('htx.datquang@ocop.demo'),
				{
					dossierId: draft,
					kind: 'evidence',
					leafCode: '1.1',
					name: 'a.pdf',
					bytes: samples.pdf.bytes
				},
				ctx.now()
			)
		);
		expect(key).toBe('dossier.errors.notFound');
		expect(readdirSync(join(ctx.config.uploadDir)).length).toBe(before);
	});
});

// Mẫu 01, 02 and 03 printed from the dossier as filed, and who may read them: the owner, the
// office once submitted, the members of the council whose published agenda holds the dossier.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listLeaves } from '../../src/lib/domain/rubric';
import { getRubric } from '../../src/lib/domain/rubrics';
import {
	communeReviews,
	dossiers,
	organizations,
	selfAssessments,
	sittings,
	users
} from '../../src/lib/server/db/schema';
import {
	filedFormDocument,
	mayReadFiledForms
} from '../../src/lib/server/documents/filed-forms-data';
import { makeTestContext, type TestContext } from '../helpers/context';
import { lockProduct, seedWorld, type World } from '../helpers/locked-results';
import { flatText, pdfText, renderPage } from '../helpers/pdf-text';
import { testRenderer } from '../helpers/render-pool';

const renderer = testRenderer();
afterAll(() => renderer.close());

let ctx: TestContext;
let world: World;
const D = 'dossier-snack';
const leaves = listLeaves(getRubric('qd26-2026', 7));

beforeAll(() => {
	ctx = makeTestContext();
	world = seedWorld(ctx.db, ctx.now());
	lockProduct(ctx.db, world, {
		key: 'snack',
		name: 'Snack chuối Bana',
		setNo: 7,
		ranks: [0, 0, 0, 0],
		closedAt: ctx.now()
	});
	ctx.db
		.update(organizations)
		.set({
			kind: 'cooperative',
			registrationNo: '0401234567',
			representative: 'Phạm Thị Hoa',
			representativeGender: 'female',
			representativeEthnicity: 'Kinh',
			address: 'Thôn Phú Mỹ, xã Quế Sơn',
			province: 'Đà Nẵng'
		})
		.where(eq(organizations.id, 'org-snack'))
		.run();
	ctx.db
		.update(dossiers)
		.set({ commune: 'Xã Quế Sơn', submittedAt: ctx.now(), sampleCount: 3 })
		.where(eq(dossiers.id, D))
		.run();
	// The producer claims the first option of the first two criteria.
	ctx.db
		.insert(selfAssessments)
		.values(leaves.slice(0, 2).map((l) => ({ dossierId: D, leafCode: l.leaf.code, choice: 0 })))
		.run();
	ctx.db
		.insert(users)
		.values({ id: 'commune-1', email: 'xa@t.vn', name: 'Lê Văn Bình', role: 'commune' })
		.run();
});

afterAll(() => ctx.cleanup());

describe('filed forms', () => {
	it('prints Mẫu 01 with the organisation, the product and the registration', async () => {
		const pdf = (await filedFormDocument(renderer, ctx.db, D, '01'))!;
		const t = pdfText(pdf);
		const all = flatText(pdf);
		expect(t).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
		expect(t).toContain('Đà Nẵng, ngày 29 tháng 11 năm 2026');
		expect(t).toMatch(/\n\s*PHIẾU ĐĂNG KÝ\n/);
		expect(all).toContain('(Mẫu 01)');
		expect(all).toContain('Kính gửi: Ủy ban nhân dân xã Quế Sơn');
		for (const s of [
			'Hợp tác xã',
			'0401234567',
			'Phạm Thị Hoa',
			'Nữ; Kinh',
			'Thôn Phú Mỹ, xã Quế Sơn',
			'Snack chuối Bana',
			'Bộ sản phẩm số 7',
			'Đánh giá lần đầu',
			'thành phố Đà Nẵng' // the province's name from the office's template
		])
			expect(all).toContain(s);
		expect(all).toMatch(/Số lượng mẫu sản phẩm 3/);
		expect(t).toContain('ĐẠI DIỆN CHỦ THỂ');
		expect(renderPage(pdf).width).toBeGreaterThan(300);
	});

	it('prints Mẫu 02 as the scorecard with the producer’s own ticks and total', async () => {
		const pdf = (await filedFormDocument(renderer, ctx.db, D, '02'))!;
		const all = flatText(pdf);
		expect(all).toContain('BÁO CÁO TỰ ĐÁNH GIÁ SẢN PHẨM OCOP');
		expect(all).toContain('(Mẫu 02, theo Quyết định số 26/2026/QĐ-TTg)');
		expect(all).toContain('Số tiêu chí đã tự đánh giá: 2/');
		// Exactly the two claimed options are ticked.
		expect(all.match(/☒/g)?.length).toBe(2 + 1); // and the one in the note under the table
		expect(all).toContain('chưa đủ tiêu chí để xếp hạng');
		expect(all).toContain(leaves[0].leaf.code);
		expect(all).toContain('Phạm Thị Hoa');
	});

	it('prints Mẫu 03 once the commune has reviewed, with its findings and reviewer', async () => {
		expect(await filedFormDocument(renderer, ctx.db, D, '03')).toBeNull();
		ctx.db
			.insert(communeReviews)
			.values({
				dossierId: D,
				rawMaterial: 'Chuối tiêu hồng trồng tại địa phương',
				labour: 'Mười hai lao động của thôn',
				ideaOrigin: 'Ý tưởng của hợp tác xã',
				identity: 'Giống chuối bản địa',
				proposal: 'Đề nghị cấp tỉnh đánh giá',
				decision: 'forward',
				reviewerId: 'commune-1',
				updatedAt: ctx.now()
			})
			.run();
		const pdf = (await filedFormDocument(renderer, ctx.db, D, '03'))!;
		const all = flatText(pdf);
		expect(all).toMatch(/ỦY BAN NHÂN DÂN XÃ QUẾ .*SƠN/); // wraps beside the national heading
		expect(all).toContain('(Mẫu 03)');
		for (const s of ['Chuối tiêu hồng', 'Mười hai lao động', 'Giống chuối bản địa', 'Lê Văn Bình'])
			expect(all).toContain(s);
		expect(all).toContain('chuyển hồ sơ lên cấp tỉnh');
		// The commune's document: dated at the commune, numbered in its own register (left blank),
		// signed for the committee by its chair, with the person who prepared it named in the text.
		expect(all).toContain('Quế Sơn, ngày');
		expect(all).toContain('Số: ……/BC-UBND');
		expect(all).toContain('Người lập báo cáo: Lê Văn Bình.');
		expect(all).toMatch(/TM\. ỦY BAN NHÂN DÂN .*CHỦ TỊCH/);
		expect(all).not.toContain('NGƯỜI LẬP BÁO CÁO');
		expect(all).toContain('Nơi nhận:');
		expect(all).toContain('- Lưu: VT.');
		expect(await filedFormDocument(renderer, ctx.db, 'no-such-dossier', '01')).toBeNull();
	});

	it('is read by the owner, the office and that sitting’s council only', () => {
		const owner = { id: 'p1', role: 'producer' as const, organizationId: 'org-snack' };
		const stranger = { id: 'p2', role: 'producer' as const, organizationId: 'org-other' };
		const office = { id: world.officeId, role: 'office' as const };
		const member = { id: world.memberIds[1], role: 'member' as const };
		const outsider = { id: 'nobody', role: 'member' as const };
		const commune = { id: 'commune-1', role: 'commune' as const };
		expect(mayReadFiledForms(ctx.db, owner, D)).toBe(true);
		expect(mayReadFiledForms(ctx.db, office, D)).toBe(true);
		expect(mayReadFiledForms(ctx.db, stranger, D)).toBe(false);
		expect(mayReadFiledForms(ctx.db, { ...owner, organizationId: null }, D)).toBe(false);
		expect(mayReadFiledForms(ctx.db, commune, D)).toBe(false);
		expect(mayReadFiledForms(ctx.db, null, D)).toBe(false);
		expect(mayReadFiledForms(ctx.db, outsider, D)).toBe(false);
		// Members read the dossier once the agenda that holds it is published, not before.
		expect(mayReadFiledForms(ctx.db, member, D)).toBe(false);
		ctx.db
			.update(sittings)
			.set({ agendaPublishedAt: ctx.now() })
			.where(eq(sittings.id, world.sittingId))
			.run();
		expect(mayReadFiledForms(ctx.db, member, D)).toBe(true);
		// A draft is the producer's alone.
		ctx.db.update(dossiers).set({ state: 'draft' }).where(eq(dossiers.id, D)).run();
		expect(mayReadFiledForms(ctx.db, office, D)).toBe(false);
		expect(mayReadFiledForms(ctx.db, owner, D)).toBe(true);
		expect(mayReadFiledForms(ctx.db, owner, 'no-such-dossier')).toBe(false);
	});
});

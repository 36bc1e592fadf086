import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAccounts } from '../../src/lib/server/accounts';
import { listDossiers, officeScope } from '../../src/lib/server/dossiers/review';
import { listResults } from '../../src/lib/server/results/repository';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { makeTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
beforeAll(async () => {
	ctx = makeTestContext();
	await seedDemo(ctx.db, ctx.now());
});
afterAll(() => ctx.cleanup());

const products = (q: string) =>
	listDossiers(ctx.db, { q, state: null, page: 1, limit: 50, offset: 0 }, officeScope()).rows.map(
		(r) => r.product
	);

describe('Vietnamese search ignores marks and case', () => {
	it('finds a product typed without accents, in any case, or with them', () => {
		for (const q of ['snack chuoi', 'SNACK CHUỐI', 'Snack chuối', 'chuôi'])
			expect(products(q), q).toContain('Snack chuối Bana');
		for (const q of ['banh dua', 'BÁNH DỪA', 'dua nuong'])
			expect(products(q), q).toContain('Bánh dừa nướng Quý Thu');
		expect(products('banh dua')).not.toContain('Snack chuối Bana');
	});

	it('finds by the organisation, đ typed as d', () => {
		expect(products('dat quang')).toContain('Snack chuối Bana');
		expect(products('ĐẤT QUẢNG')).toContain('Snack chuối Bana');
	});

	it('treats % and _ as the characters they are, not wildcards', () => {
		expect(products('%')).toEqual([]);
		expect(products('_')).toEqual([]);
		expect(products('snack%bana')).toEqual([]);
	});

	it('applies to accounts too', () => {
		const names = (q: string) =>
			listAccounts(ctx.db, { q, limit: 50, offset: 0 }).rows.map((r) => r.name);
		expect(names('pham quoc hung')).toEqual(['Phạm Quốc Hùng']);
		expect(names('nguyet')).toEqual(['Lê Thị Minh Nguyệt']);
	});

	it('applies to the public results, on the names as locked', () => {
		const results = (q: string) =>
			listResults(ctx.db, { q }, { published: true, limit: 50, offset: 0 }).rows.map(
				(r) => r.productName
			);
		expect(results('snack chuoi')).toEqual(['Snack chuối Bana']);
		expect(results('HTX NONG NGHIEP XANH')).toEqual(['Snack chuối Bana']);
		expect(results('bánh')).toEqual([]);
	});
});

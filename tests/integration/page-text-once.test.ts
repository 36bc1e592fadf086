// Text the pages composed twice, or printed as the form's raw asterisks (an outside browser
// audit): the dossier's part headings ("Phần A: Phần A: … (40 Điểm) (40)") and address ("Xã Quế
// Sơn, thành phố Đà Nẵng, Xã Quế Sơn, Đà Nẵng"), and the star-minimum markers ("tiêu thụ****")
// in "why this star" and in the self-assessment. Each marker is the scorecard's badge instead,
// with its words for screen readers.
import { describe, expect, it } from 'vitest';
import { getRubric } from '../../src/lib/domain/rubrics';
import { findUserByEmail } from '../../src/lib/server/accounts';
import { resultPublications } from '../../src/lib/server/db/schema';
import {
	appendLockedRecord,
	buildLockedBody,
	chainTip,
	choicesAtRank
} from '../../src/lib/server/results/record-builder';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { useBuiltApp } from '../helpers/app-server';

let cappedSeq = 0;
const DOSSIER = 'demo-product-snack-chuoi-v1';

const app = useBuiltApp({
	seed: async (db) => {
		await seedDemo(db, Date.now());
		const id = (email: string) => findUserByEmail(db, email)!.id;
		const rubric = getRubric('qd26-2026', 7);
		const voters = ['chutich', 'phochutich', 'thanhvien1', 'thanhvien2', 'thanhvien3'];
		// Best everywhere but on the star-marked criteria: a 5★ band capped by the 3★ minimums.
		const body = buildLockedBody({
			seq: chainTip(db).seq,
			itemId: 'demo-item-2',
			sittingId: 'demo-sitting-1',
			councilId: 'demo-council-danang',
			dossierId: 'demo-product-banh-dua-v1',
			productName: 'Sản phẩm bị giới hạn bởi dấu sao',
			productSetNo: 7,
			members: voters.map((v) => ({
				id: id(`${v}@ocop.demo`),
				choices: choicesAtRank(rubric, 0, 3)
			})),
			councilSize: 9,
			closedBy: id('chutich@ocop.demo'),
			closedAt: Date.now()
		});
		cappedSeq = appendLockedRecord(db, body).seq;
		db.insert(resultPublications)
			.values({ seq: cappedSeq, publishedAt: Date.now(), publishedBy: id('vanphong@ocop.demo') })
			.run();
	}
});

const page = async (path: string, cookie = '') => {
	const res = await fetch(app.url + path, { headers: { cookie } });
	expect(res.status, path).toBe(200);
	return res.text();
};
/** The text a reader sees in one section (tags dropped, visually hidden words kept). */
const section = (html: string, testId: string) => {
	const from = html.indexOf(`data-testid="${testId}"`);
	expect(from, testId).toBeGreaterThan(-1);
	return html.slice(from, html.indexOf('</section>', from));
};

describe('why this star', () => {
	it('shows each failed star minimum as the badge, not the form’s asterisks, publicly and to the office', async () => {
		const office = app.signIn('vanphong@ocop.demo');
		for (const [path, cookie] of [
			[`/results/${cappedSeq}`, ''],
			[`/office/results/${cappedSeq}`, office]
		]) {
			const why = section(await page(path, cookie), 'why');
			// The option words stay, without the markers.
			expect(why).toContain('Đóng gói sáng tạo, bao bì đẹp');
			expect(why, path).toMatch(/class="badge star-min[^"]*" data-stars="3"/);
			expect(why).toContain('Tối thiểu 3 sao');
			expect(why, path).not.toMatch(/\*\s*\*\s*\*/);
		}
	});
});

describe('the dossier page', () => {
	it('names each part once, with its maximum once', async () => {
		const html = await page(`/office/dossiers/${DOSSIER}`, app.signIn('vanphong@ocop.demo'));
		const rubric = getRubric('qd26-2026', 7);
		for (const part of rubric.parts) {
			const heading = html.match(new RegExp(`<h3[^>]*>(Phần ${part.code}[^<]*)</h3>`))?.[1];
			expect(heading, part.code).toBeDefined();
			expect(heading!.match(/Phần/g)).toHaveLength(1);
			expect(heading!.match(/\(\d+/g)).toHaveLength(1);
			expect(heading).toContain(`(${part.max} điểm)`);
		}
	});

	it('writes the address once, though the producer typed commune and city into it', async () => {
		const html = await page(`/office/dossiers/${DOSSIER}`, app.signIn('vanphong@ocop.demo'));
		// The page's data keeps the three fields apart; the summary writes them as one line.
		expect(html).toMatch(/<dt[^>]*>Địa chỉ<\/dt> <dd[^>]*>Xã Quế Sơn, thành phố Đà Nẵng<\/dd>/);
		expect(html).not.toContain('Xã Quế Sơn, thành phố Đà Nẵng, Xã Quế Sơn');
	});

	it('shows a claimed option’s star minimum as the badge, not as asterisks', async () => {
		const html = await page(`/office/dossiers/${DOSSIER}`, app.signIn('vanphong@ocop.demo'));
		// The rendered criteria; the page's data after </main> keeps the form's labels as they are.
		const leaves = html.slice(html.indexOf('data-testid="leaf-'), html.indexOf('</main>'));
		expect(leaves).toMatch(
			/Lựa chọn tự đánh giá: [^<]*(<!--[^>]*-->)?<span class="badge star-min[^"]*" data-stars="[345]"/
		);
		expect(leaves).not.toMatch(/\*\s*\*\s*\*/);
	});
});

// One certificate per product: a later recognition of the same product replaces the certificate
// in force from the new decision's date. The office is told before it records; the old
// certificate then reads as replaced on the public pages, the producer's list and its QR page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LockedRecord } from '../../src/lib/domain/result-record';
import { publicCertificate } from '../../src/lib/server/certificates/public';
import { listCertificates, certificateOf } from '../../src/lib/server/certificates/standing';
import { decisionDocument } from '../../src/lib/server/documents/official';
import { decisionCandidates, recordDecision } from '../../src/lib/server/results/decisions';
import { getResult, listResults } from '../../src/lib/server/results/repository';
import { rowStanding } from '../../src/lib/server/results/standing-facts';
import { makeTestContext, type TestContext } from '../helpers/context';
import { lockProduct, seedWorld, type World } from '../helpers/locked-results';
import { refusalOf } from '../helpers/refusal-of';
import { flatText } from '../helpers/pdf-text';
import { testRenderer } from '../helpers/render-pool';

let ctx: TestContext;
let world: World;
let first: LockedRecord;
let again: LockedRecord;
const at = (iso: string) => Date.parse(`${iso}T03:00:00Z`);
const ranks = [1, 1, 1, 1].map(() => [1, 0] as [number, number]);

const decide = (number: string, decidedOn: string, seq: number, certificateNo: string) =>
	recordDecision(
		ctx.db,
		{
			councilId: world.councilId,
			number,
			decidedOn,
			signer: 'Trần Văn Phước',
			signerTitle: 'Phó Chủ tịch',
			items: [{ seq, certificateNo }]
		},
		world.officeId,
		at('2026-11-29')
	);

beforeAll(() => {
	ctx = makeTestContext();
	world = seedWorld(ctx.db, ctx.now());
	first = lockProduct(ctx.db, world, {
		key: 'snack',
		name: 'Snack chuối Bana',
		setNo: 7,
		ranks,
		publish: true,
		closedAt: at('2026-01-05')
	});
	decide('2871/QĐ-UBND', '2026-01-20', first.seq, '125/GCN-OCOP');
	// The same product evaluated again (re-evaluation or upgrade) before its certificate expires.
	again = lockProduct(ctx.db, world, {
		key: 'snack-again',
		again: 'snack',
		name: 'Snack chuối Bana',
		setNo: 7,
		ranks,
		publish: true,
		closedAt: at('2026-01-10')
	});
});
const renderer = testRenderer();
afterAll(async () => {
	await renderer.close();
	ctx.cleanup();
});

describe('a second recognition of a certified product', () => {
	it('tells the office which certificate in force it replaces before it records', () => {
		const c = decisionCandidates(ctx.db, '2026-11-29').find((x) => x.seq === again.seq);
		expect(c?.replaces).toEqual({
			certificateNo: '125/GCN-OCOP',
			stars: 4,
			expiresOn: '2029-01-19'
		});
	});

	it('cannot be dated before the certificate the product already holds', () => {
		const r = refusalOf(() => decide('10/QĐ-UBND', '2026-01-15', again.seq, '126/GCN-OCOP'));
		expect(r.key).toBe('results.decisions.beforeCurrent');
	});

	it('replaces the old certificate from the new decision’s date, everywhere it is read', () => {
		decide('3001/QĐ-UBND', '2026-11-20', again.seq, '126/GCN-OCOP');
		const today = '2026-11-29';
		// The QR code's page of the old certificate.
		const old = publicCertificate(ctx.db, first.seq, at(today))!;
		expect(old.standing.public).toBe('superseded');
		expect(old.supersededBy).toEqual({
			seq: again.seq,
			certificateNo: '126/GCN-OCOP',
			from: '2026-11-20'
		});
		expect(publicCertificate(ctx.db, again.seq, at(today))!.standing.public).toBe('valid');
		// The day before the new decision it was still the product's certificate.
		expect(certificateOf(ctx.db, first.seq, '2026-11-19')!.standing.phase).toBe('valid');
		// The public pages and their star filter: the product is counted once, at its new level.
		const standing = (seq: number) =>
			rowStanding(getResult(ctx.db, seq, { published: true })!.row, today);
		expect(standing(first.seq)).toMatchObject({
			kind: 'superseded',
			recognizedStars: null,
			supersededBy: '126/GCN-OCOP'
		});
		expect(standing(again.seq)).toMatchObject({ kind: 'recognized', recognizedStars: 4 });
		const listed = listResults(
			ctx.db,
			{ stars: 4 },
			{ published: true, limit: 50, offset: 0, today }
		);
		expect(listed.rows.map((r) => r.seq)).toEqual([again.seq]);
		// The producer's list: one certificate in force.
		const own = listCertificates(ctx.db, today, 'org-snack');
		expect(
			own.map((c) => [c.certificateNo, c.standing.phase, c.replacement?.certificateNo ?? null])
		).toEqual(
			expect.arrayContaining([
				['125/GCN-OCOP', 'superseded', '126/GCN-OCOP'],
				['126/GCN-OCOP', 'valid', null]
			])
		);
	});
});

describe('the replacing decision', () => {
	it('says which certificate ends, by its number and the decision that granted it', async () => {
		const decisions = ctx.db.$client
			.prepare('select id, number from recognition_decisions')
			.all() as { id: string; number: string }[];
		const pdf = async (number: string) =>
			flatText(
				(await decisionDocument(renderer, ctx.db, decisions.find((d) => d.number === number)!.id))!
					.pdf
			).replace(/-\s/g, '-'); // a number broken at its hyphen reads whole
		expect(await pdf('3001/QĐ-UBND')).toContain(
			'Kể từ ngày ký Quyết định này, Giấy chứng nhận số 125/GCN-OCOP (cấp theo Quyết định số 2871/QĐ-UBND ngày 20/01/2026) của sản phẩm Snack chuối Bana hết hiệu lực và được thay thế bằng Giấy chứng nhận cấp theo Quyết định này.'
		);
		// The first recognition replaced nothing and says nothing of it.
		expect(await pdf('2871/QĐ-UBND')).not.toContain('hết hiệu lực');
	});
});

describe('two results of one uncertified product in one decision', () => {
	it('are refused, so the product never holds two certificates in force', () => {
		const own = makeTestContext();
		try {
			const w = seedWorld(own.db, own.now());
			const product = { name: 'Mắm cá cơm Hội An', setNo: 7, ranks, publish: true };
			const a = lockProduct(own.db, w, { ...product, key: 'mam', closedAt: at('2026-03-05') });
			const b = lockProduct(own.db, w, {
				...product,
				key: 'mam-again',
				again: 'mam',
				closedAt: at('2026-09-10')
			});
			const r = refusalOf(() =>
				recordDecision(
					own.db,
					{
						councilId: w.councilId,
						number: '40/QĐ-UBND',
						decidedOn: '2026-10-01',
						signer: 'Trần Văn Phước',
						signerTitle: 'Phó Chủ tịch',
						items: [
							{ seq: a.seq, certificateNo: '201/GCN-OCOP' },
							{ seq: b.seq, certificateNo: '202/GCN-OCOP' }
						]
					},
					w.officeId,
					at('2026-11-29')
				)
			);
			expect(r.key).toBe('results.decisions.sameProductTwice');
			const held = listCertificates(own.db, '2026-11-29').filter(
				(c) => c.productName === product.name
			);
			expect(held).toEqual([]);
		} finally {
			own.cleanup();
		}
	});
});

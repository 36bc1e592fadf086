// Rule 8 after the Ministry returns a 5★ candidate: the province recognises it at 3★ or 4★ on the
// central result (never above it, nothing below 3★), by a second decision after the forwarding
// one, and the public reads the recognised level. Real SQLite file, the real services.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LockedRecord } from '../../src/lib/domain/result-record';
import { standingOf } from '../../src/lib/domain/public-standing';
import { certificateOf } from '../../src/lib/server/certificates/standing';
import { ministryPackages } from '../../src/lib/server/db/schema';
import { resultDetail } from '../../src/lib/server/results/detail';
import { decisionCandidates, recordDecision } from '../../src/lib/server/results/decisions';
import { isRefusal } from '../../src/lib/server/refusal';
import { getResult, listResults } from '../../src/lib/server/results/repository';
import { noticeDocument } from '../../src/lib/server/documents/notices';
import { certificateDocument } from '../../src/lib/server/documents/official';
import { makeTestContext, type TestContext } from '../helpers/context';
import { flatText } from '../helpers/pdf-text';
import { testRenderer } from '../helpers/render-pool';
import { lockProduct, seedWorld, type World } from '../helpers/locked-results';

let ctx: TestContext;
let world: World;
let four: LockedRecord;
let three: LockedRecord;
let two: LockedRecord;

const signed = {
	councilId: '',
	decidedOn: '2026-12-10',
	signer: 'Trần Nam Hưng',
	signerTitle: 'Phó Chủ tịch UBND thành phố'
};

function refusal(f: () => unknown): string {
	try {
		f();
	} catch (e) {
		if (isRefusal(e)) return e.key;
		return `other: ${(e as Error).message}`;
	}
	return 'accepted';
}

function centralReturn(seq: number, stars: number) {
	ctx.db
		.insert(ministryPackages)
		.values({
			id: `answer-${seq}`,
			direction: 'in',
			kind: 'central-result',
			manifestSha256: `m-${seq}`,
			signerKey: 'central',
			seq,
			originSeq: 100 + seq,
			originHash: `h-${seq}`,
			answersId: `candidate-${seq}`,
			outcome: 'returned',
			stars,
			createdAt: ctx.now()
		})
		.run();
}

const publicStars = (stars: number) =>
	listResults(
		ctx.db,
		{ stars },
		{ published: true, limit: 50, offset: 0, today: '2026-12-10' }
	).rows.map((r) => r.seq);

beforeAll(() => {
	ctx = makeTestContext();
	world = seedWorld(ctx.db, ctx.now());
	signed.councilId = world.councilId;
	// Locked before the forwarding decision of 01/07/2026.
	const at = Date.parse('2026-06-20T03:00:00Z');
	const five = (key: string, name: string, i: number) =>
		lockProduct(ctx.db, world, {
			key,
			name,
			setNo: 7,
			ranks: [0, 0, 0, 0],
			publish: true,
			closedAt: at + i
		});
	four = five('r4', 'TPBVSK SAPHRATON', 0);
	three = five('r3', 'Đèn lồng Dé Lantana', 1);
	two = five('r2', 'Nước mắm làng Bích Họa', 2);
	// The province approves all three as "tiềm năng 5 sao" by one forwarding decision.
	recordDecision(
		ctx.db,
		{
			...signed,
			decidedOn: '2026-07-01',
			number: '56/QĐ-UBND',
			items: [four, three, two].map((r) => ({ seq: r.seq, certificateNo: '' }))
		},
		world.officeId,
		Date.parse('2026-07-01T03:00:00Z')
	);
	// The recognition decisions below are signed on 10/12/2026 and recorded that day.
	ctx.advance(Date.parse('2026-12-10T03:00:00Z') - ctx.now());
});
const renderer = testRenderer();
afterAll(() => {
	ctx.cleanup();
	return renderer.close();
});

describe('a 5★ candidate the Ministry returns', () => {
	it('is not offered again while the Ministry has not answered', () => {
		expect(decisionCandidates(ctx.db)).toEqual([]);
	});

	it('is offered at the levels the central result supports, with the reason when below 3★', () => {
		centralReturn(four.seq, 4);
		centralReturn(three.seq, 3);
		centralReturn(two.seq, 2);
		const bySeq = new Map(decisionCandidates(ctx.db).map((c) => [c.seq, c]));
		expect(bySeq.get(four.seq)).toMatchObject({
			outcome: 'recognized',
			stars: 4,
			levels: [3, 4],
			centralStars: 4
		});
		expect(bySeq.get(three.seq)).toMatchObject({ stars: 3, levels: [3], centralStars: 3 });
		expect(bySeq.get(two.seq)).toMatchObject({ levels: [], centralStars: 2 });
	});

	it('refuses a level above the central result, 5★, or any level below 3★, changing nothing', () => {
		const record = (seq: number, stars?: number) => () =>
			recordDecision(
				ctx.db,
				{ ...signed, number: `X-${seq}-${stars}`, items: [{ seq, certificateNo: 'G-1', stars }] },
				world.officeId,
				ctx.now()
			);
		expect(refusal(record(four.seq, 5))).toBe('results.decisions.badLevel');
		expect(refusal(record(three.seq, 4))).toBe('results.decisions.badLevel');
		expect(refusal(record(four.seq, 2))).toBe('results.decisions.badLevel');
		expect(refusal(record(four.seq, Number.NaN))).toBe('results.decisions.badLevel');
		expect(refusal(record(two.seq, 3))).toBe('results.decisions.belowThree');
		expect(refusal(record(two.seq))).toBe('results.decisions.belowThree');
		expect(publicStars(3)).toEqual([]);
		expect(publicStars(4)).toEqual([]);
	});

	it('is recognised by a second decision at the level the office picks; the public reads it', () => {
		recordDecision(
			ctx.db,
			{
				...signed,
				number: '1234/QĐ-UBND',
				items: [
					{ seq: four.seq, certificateNo: 'GCN-2026-0099', stars: 3 },
					{ seq: three.seq, certificateNo: 'GCN-2026-0100' }
				]
			},
			world.officeId,
			ctx.now()
		);
		expect(publicStars(3)).toEqual([four.seq, three.seq]);
		expect(publicStars(4)).toEqual([]);
		expect(publicStars(5)).toEqual([]);
		const found = getResult(ctx.db, four.seq, { published: true })!;
		expect(found.row).toMatchObject({
			outcome: 'recognized',
			decisionNumber: '1234/QĐ-UBND',
			decisionStars: 3,
			certificateNo: 'GCN-2026-0099',
			expiresOn: '2029-12-09'
		});
		const d = resultDetail(ctx.db, found.row, found.record, {
			showNames: false,
			anonymous: String
		});
		// The council's 5★ stays the council's; the stars drawn are the recognised 3★.
		expect(d.stars).toBe(5);
		const s = standingOf({
			level: d.level,
			stars: d.stars,
			decisionOutcome: 'recognized',
			decisionStars: d.decision!.stars,
			today: '2026-12-10'
		});
		expect(s).toMatchObject({ kind: 'recognized', recognizedStars: 3 });
		expect(certificateOf(ctx.db, four.seq, '2027-01-01')).toMatchObject({
			stars: 3,
			certificateNo: 'GCN-2026-0099',
			decisionNumber: '1234/QĐ-UBND'
		});
	});

	it('is notified as recognised at 3★ on the central result, beside the council’s result', async () => {
		const doc = (await noticeDocument(renderer, ctx.db, four.seq, ctx.now()))!;
		const all = flatText(doc.pdf);
		expect(all).toMatch(
			/tiềm năng 5 sao; công nhận 3 sao theo kết quả của Hội đồng cấp\s*trung ương/
		);
		expect(all).toContain('1234/QĐ-UBND');
		const cert = (await certificateDocument(renderer, ctx.db, four.seq, {
			published: true,
			origin: 'http://127.0.0.1'
		}))!;
		expect(flatText(cert)).toContain('Đạt sản phẩm OCOP hạng 3 sao');
	});

	it('never enters a second recognition decision, through the service or the table', () => {
		const left = decisionCandidates(ctx.db).map((c) => c.seq);
		expect(left).toEqual([two.seq]);
		expect(
			refusal(() =>
				recordDecision(
					ctx.db,
					{
						...signed,
						number: '1300/QĐ-UBND',
						items: [{ seq: four.seq, certificateNo: 'GCN-2026-0200', stars: 4 }]
					},
					world.officeId,
					ctx.now()
				)
			)
		).toBe('results.decisions.notEligible');
		const insert = ctx.db.$client.prepare(
			`insert into decision_items (seq, decision_id, stars, outcome, certificate_no, expires_on)
			 select ?, decision_id, 4, 'recognized', 'GCN-X', '2030-01-01' from decision_items where seq = ? limit 1`
		);
		expect(() => insert.run(four.seq, four.seq)).toThrow(/UNIQUE|PRIMARY/);
		const items = ctx.db.$client
			.prepare(`select outcome, stars from decision_items where seq = ? order by outcome`)
			.all(four.seq);
		expect(items).toEqual([
			{ outcome: 'forwarded-central', stars: 5 },
			{ outcome: 'recognized', stars: 3 }
		]);
	});
});

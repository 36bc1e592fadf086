// The minutes record "any re-scoring round" (DOCUMENTS.md, What the minutes record): each earlier
// round with every member's total and its spread, from the cards the locked record keeps, then
// the round whose result was locked. "The council re-scored once" alone hid what was disagreed.
import { describe, expect, it } from 'vitest';
import { scoreCard } from '../../src/lib/domain/card-score';
import { sealRecord, GENESIS_HASH } from '../../src/lib/domain/result-record';
import { getRubric } from '../../src/lib/domain/rubrics';
import { minutesPdf } from '../../src/lib/server/documents/minutes';
import { genericTemplate } from '../../src/lib/server/documents/templates';
import { buildLockedBody, choicesAtRank } from '../../src/lib/server/results/record-builder';
import { flatText } from '../helpers/pdf-text';

const AT = Date.parse('2026-11-29T01:00:00Z');
const NAMES = ['Trần Văn Phước', 'Lê Thị Minh Nguyệt', 'Phạm Quốc Hùng', 'Võ Thị Kim Oanh'];
const ids = NAMES.map((_, i) => `m${i + 1}`);

describe('minutes of a product scored again', () => {
	it('give each earlier round’s totals and spread, then the locked round', async () => {
		const rubric = getRubric('qd26-2026', 7);
		const body = buildLockedBody({
			seq: 1,
			itemId: 'item-1',
			sittingId: 's-1',
			councilId: 'c-1',
			dossierId: 'd-1',
			productName: 'Snack chuối Bana',
			productSetNo: 7,
			members: ids.map((id) => ({ id, choices: choicesAtRank(rubric, 1, 0) })),
			closedBy: ids[0],
			closedAt: AT + 3_600_000
		});
		// Round 1: the first member scored far above the others (spread over 10), so all re-scored.
		const first = ids.map((id, i) => ({
			...body.cards[i],
			member: id,
			round: 1,
			choices: choicesAtRank(rubric, i === 0 ? 0 : 2)
		}));
		const record = sealRecord(GENESIS_HASH, {
			...body,
			cards: body.cards.map((c) => ({ ...c, round: 2 })),
			earlierRounds: first
		});
		const high = scoreCard(rubric, first[0].choices).total;
		const low = scoreCard(rubric, first[1].choices).total;
		expect(high - low).toBeGreaterThan(10);

		const pdf = await minutesPdf(
			{
				template: genericTemplate('Đà Nẵng', 'UBND thành phố Đà Nẵng'),
				number: '01/BB-HĐOCOP',
				sittingTitle: 'Phiên họp đợt 2 năm 2026',
				place: null,
				startsAt: AT,
				openedAt: AT,
				closedAt: AT + 7_200_000,
				members: ids.map((id, i) => ({
					id,
					name: NAMES[i],
					title: null,
					role: i === 0 ? 'chair' : 'member',
					voting: true
				})),
				names: Object.fromEntries(ids.map((id, i) => [id, NAMES[i]])),
				agenda: [
					{
						itemId: 'item-1',
						position: 1,
						productName: 'Snack chuối Bana',
						organization: 'HTX Snack chuối Bana',
						state: 'closed',
						notes: '',
						presenters: [],
						presentation: 'none',
						conflicts: []
					}
				],
				records: [record],
				chair: NAMES[0],
				secretary: 'Nguyễn Thị Thu Hà'
			},
			AT
		);
		const all = flatText(pdf);
		expect(all).toContain('Hội đồng đã chấm lại 1 lần do độ chênh lệch điểm vượt mức.');
		const v = (n: number) => String(n).replace('.', ',');
		// (A page may break inside the line: its parts are read one by one.)
		expect(all).toContain(`Lần chấm 1: ${NAMES[0]} ${v(high)}; ${NAMES[1]} ${v(low)};`);
		expect(all).toContain(`${NAMES[3]} ${v(low)}; độ chênh lệch: ${v(high - low)} điểm.`);
		expect(all).toContain('Lần chấm 2 (kết quả được khóa):');
	});
});

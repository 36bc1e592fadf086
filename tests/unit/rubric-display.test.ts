import { describe, expect, it } from 'vitest';
import { walkCriteria } from '../../src/lib/domain/rubric';
import { caseGroups, notesBesideCases, partHeading } from '../../src/lib/domain/rubric-display';
import { getRubric } from '../../src/lib/domain/rubrics';

const VERSION = 'qd26-2026';

describe('the scorecard as the form prints it', () => {
	it('heads set 26 Part A with its computed 40 points, noting the printed 35', () => {
		const set26 = getRubric(VERSION, 26);
		const a = partHeading(set26.parts[0]);
		expect(a.title).toBe('Phần A SẢN PHẨM VÀ SỨC MẠNH CỘNG ĐỒNG');
		expect(a.max).toBe(40);
		expect(a.printed).toBe(35);
		// Part B's printed maximum agrees: no note.
		expect(partHeading(set26.parts[1])).toMatchObject({ max: 25, printed: null });
	});

	it('groups set 26’s criteria 8, 9 and 15 into case 1 and case 2 with their descriptions', () => {
		const set26 = getRubric(VERSION, 26);
		const withCases = [...walkCriteria(set26)]
			.map((r) => r.node)
			.filter((n) => n.options.some((o) => o.case));
		expect(withCases.map((n) => n.code)).toEqual(['8', '9', '15']);
		const groups = caseGroups(withCases[0]);
		expect(groups.map((g) => [g.case, g.indices])).toEqual([
			['a', [0, 1]],
			['b', [2, 3]]
		]);
		expect(groups[0].description).toBe('Trường hợp 1: Dịch vụ du lịch do cộng đồng cung cấp');
		expect(notesBesideCases(withCases[0])).toEqual(['Lựa chọn một trong hai trường hợp sau:']);
	});

	it('leaves a criterion without cases as one plain group', () => {
		const leaf = { options: [{}, {}, {}], notes: ['a. not a case here'] };
		expect(caseGroups(leaf)).toEqual([{ case: null, description: null, indices: [0, 1, 2] }]);
		expect(notesBesideCases(leaf)).toEqual(['a. not a case here']);
	});
});

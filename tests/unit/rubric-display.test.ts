import { describe, expect, it } from 'vitest';
import { walkCriteria } from '../../src/lib/domain/rubric';
import {
	caseGroups,
	notesBesideCases,
	partHeading,
	withoutStarMarks
} from '../../src/lib/domain/rubric-display';
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

describe('star-minimum markers', () => {
	it('leave the label: their meaning is the option’s minStar, shown as a badge', () => {
		expect(withoutStarMarks('Có sản phẩm tiêu thụ****')).toBe('Có sản phẩm tiêu thụ');
		expect(withoutStarMarks('Hoạt động ít nhất 36 tháng ****')).toBe('Hoạt động ít nhất 36 tháng');
		expect(withoutStarMarks('… truy xuất nguồn gốc điện tử * * * *')).toBe(
			'… truy xuất nguồn gốc điện tử'
		);
		expect(withoutStarMarks('Không có')).toBe('Không có');
	});

	it('leave no asterisk in any option label of any set, and only marked options had them', () => {
		let marked = 0;
		for (let no = 1; no <= 26; no++)
			for (const { node } of walkCriteria(getRubric(VERSION, no)))
				for (const o of node.options) {
					expect(withoutStarMarks(o.label)).not.toContain('*');
					if (o.label.includes('*')) {
						marked++;
						expect(o.minStar, o.label).not.toBeNull();
					}
				}
		expect(marked).toBeGreaterThan(500);
	});
});

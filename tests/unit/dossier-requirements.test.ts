import { describe, expect, it } from 'vitest';
import {
	DEFAULT_READY_REQUIREMENTS,
	missingForReady,
	missingForSubmit,
	parseReadyRequirements,
	sectorOf,
	takesSamples
} from '../../src/lib/domain/dossier-requirements';
import { listProductSets } from '../../src/lib/domain/rubrics';
import { loadConfig, ConfigError } from '../../src/lib/server/config';

describe('what a dossier needs before it moves on', () => {
	it('puts every statutory set in the sector its classification names', () => {
		const expected: Record<string, string> = {
			'Thực phẩm': 'food',
			'Đồ uống': 'drink',
			'Dược liệu': 'herbal',
			'Thủ công mỹ nghệ': 'craft',
			'Hàng thủ công mỹ nghệ': 'craft',
			'Sinh vật cảnh': 'ornamental',
			'Dịch vụ du lịch cộng đồng': 'service'
		};
		for (const set of listProductSets()) {
			const product = set.classification
				.replace(/^Sản phẩm: /, '')
				.split(/[.,]/)[0]
				.trim();
			expect([set.no, sectorOf(set.no)]).toEqual([set.no, expected[product]]);
		}
		expect(takesSamples(26)).toBe(false);
		expect(listProductSets().filter((s) => !takesSamples(s.no))).toHaveLength(1);
	});

	it('names the missing documents in the setting’s order', () => {
		expect(missingForReady(7, new Set())).toEqual(['advisory-report', 'lab-result']);
		expect(missingForReady(7, new Set(['lab-result', 'evidence']))).toEqual(['advisory-report']);
		expect(missingForReady(21, new Set())).toEqual(['advisory-report']);
		expect(missingForReady(26, new Set(['advisory-report']))).toEqual([]);
		const strict = parseReadyRequirements('service=advisory-report+lab-result; craft=');
		expect(missingForReady(26, new Set(['advisory-report']), strict)).toEqual(['lab-result']);
		expect(missingForReady(21, new Set(), strict)).toEqual([]);
		expect(strict.food).toEqual(DEFAULT_READY_REQUIREMENTS.food);
	});

	it('refuses a submission without a tax code or any evidence', () => {
		expect(missingForSubmit({ registrationNo: '4000000001', evidenceFiles: 1 })).toEqual([]);
		expect(missingForSubmit({ registrationNo: '  ', evidenceFiles: 0 })).toEqual([
			'taxCode',
			'evidence'
		]);
		expect(missingForSubmit({ registrationNo: null, evidenceFiles: 3 })).toEqual(['taxCode']);
	});

	it('stops at start on a bad REQUIRED_DOCUMENTS, naming the variable', () => {
		for (const bad of ['fish=lab-result', 'food=lab-result+photo', 'nonsense']) {
			expect(() => loadConfig({ NODE_ENV: 'test', REQUIRED_DOCUMENTS: bad })).toThrow(ConfigError);
			expect(() => loadConfig({ NODE_ENV: 'test', REQUIRED_DOCUMENTS: bad })).toThrow(
				/^REQUIRED_DOCUMENTS: /
			);
		}
		expect(
			loadConfig({ NODE_ENV: 'test', REQUIRED_DOCUMENTS: 'herbal=advisory-report' })
				.readyRequirements.herbal
		).toEqual(['advisory-report']);
	});
});

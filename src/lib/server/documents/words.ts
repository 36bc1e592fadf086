// Statutory wording of the documents. They are administrative forms in Vietnamese whatever the
// reader's interface language, so their text lives here rather than in the UI messages.

import { outcomeOf, type Stars } from '../../domain/rating';
import type { LockedRecord } from '../../domain/result-record';
import { formatAverage } from '../../i18n/format';

export const OUTCOME_VI: Record<string, string> = {
	recognized: 'Đạt, đề nghị công nhận',
	'not-recognized': 'Không đạt (dưới 3 sao)',
	'forwarded-central': 'Tiềm năng 5 sao, đề nghị chuyển Hội đồng cấp trung ương',
	returned: 'Trả về cấp tỉnh'
};

export const BLOCKED_VI: Record<string, string> = {
	quorum: 'không đủ số thành viên dự họp (túc số)',
	incomplete: 'phiếu đánh giá chưa đầy đủ',
	spread: 'độ chênh lệch điểm vượt mức cho phép'
};

export const ROLE_VI: Record<string, string> = {
	chair: 'Chủ tịch Hội đồng',
	'vice-chair': 'Phó Chủ tịch Hội đồng',
	member: 'Ủy viên',
	secretary: 'Thư ký Hội đồng'
};

/** Someone whose council role was not recorded (a record locked before roles were kept). */
export const MEMBER_VI = 'Thành viên Hội đồng';

const BAND_RANGE: Record<number, string> = {
	5: 'từ 90 điểm trở lên',
	4: 'từ 70 đến dưới 90 điểm',
	3: 'từ 50 đến dưới 70 điểm',
	2: 'từ 30 đến dưới 50 điểm',
	1: 'dưới 30 điểm'
};

export interface WhyInput {
	average: number | null;
	band: number | null;
	floor: number | null;
	stars: number | null;
	cappedBy: 'band' | 'floor' | 'both' | null;
	failedLevels: { level: number; failed: { code: string; label: string }[] }[];
}

/** "Why this star" as sentences: the band, the star minimums, and which one set the rank. */
export function whyThisStarVi(w: WhyInput): string[] {
	if (w.stars === null || w.band === null || w.floor === null || w.average === null)
		return ['Chưa xác định được hạng sao.'];
	const lines = [
		`Điểm trung bình ${formatAverage(w.average, 'vi')} thuộc khung ${w.band} sao (${BAND_RANGE[w.band]}).`
	];
	const firstFailed = w.failedLevels[0];
	if (firstFailed) {
		const codes = firstFailed.failed.map((f) => `${f.code} (${f.label})`).join('; ');
		lines.push(
			`Yêu cầu tối thiểu theo dấu sao chỉ đạt mức ${w.floor} sao: chưa đạt mức ${firstFailed.level} sao ở tiêu chí ${codes}.`
		);
	} else lines.push(`Các yêu cầu tối thiểu theo dấu sao đạt mức ${w.floor} sao.`);
	const by =
		w.cappedBy === 'floor'
			? 'hạng sao bị giới hạn bởi yêu cầu tối thiểu theo dấu sao'
			: w.cappedBy === 'band'
				? 'hạng sao do khung điểm trung bình quyết định'
				: 'khung điểm và yêu cầu tối thiểu cho cùng một mức';
	// In words: a legal text does not call a function ("min") by its English name.
	lines.push(
		`Hạng sao là mức thấp hơn giữa khung điểm (${w.band} sao) và yêu cầu tối thiểu theo dấu sao (${w.floor} sao): ${w.stars} sao; ${by}.`
	);
	return lines;
}

/**
 * The outcome the decisions page uses: an item closed by override keeps its computed stars, and
 * its outcome then follows rule 8, so no document reads "not concluded" for it.
 */
export function recordOutcome(r: LockedRecord): string | null {
	const { stars, outcome } = r.result;
	if (outcome) return outcome;
	return r.override && stars ? outcomeOf(r.level, stars as Stars) : null;
}

export function outcomeLine(outcome: string | null, blocked: string | null): string {
	if (outcome) return OUTCOME_VI[outcome] ?? outcome;
	return `Chưa kết luận (${BLOCKED_VI[blocked ?? ''] ?? '—'})`;
}

/** "4 sao", or "tiềm năng 5 sao" where the province can only forward the product. */
export function starsLine(stars: number | null, level: string): string {
	if (stars === null) return '—';
	return stars === 5 && level === 'province' ? 'tiềm năng 5 sao' : `${stars} sao`;
}

// The audit log is read in words: every action the code writes has a label in both languages,
// and its details show instants as dates and times on Việt Nam's clock.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, auditActionKey, auditSubject } from '../../src/lib/domain/audit-actions';
import { translator } from '../../src/lib/i18n';
import { detailText } from '../../src/lib/server/audit-view';

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sources(path);
		return /\.(ts|js|svelte)$/.test(name) ? [path] : [];
	});
}

/** Every dotted action name the code writes: `action: 'a.b'`, also in `x ? 'a.b' : 'a.c'`. */
function writtenActions(): string[] {
	const found = new Set<string>();
	for (const file of sources(join(process.cwd(), 'src'))) {
		const text = readFileSync(file, 'utf8');
		for (const m of text.matchAll(/action:\s*([^,}\n]*)/g))
			for (const q of m[1].matchAll(/'([a-z-]+(?:\.[a-z-]+)+)'/g)) found.add(q[1]);
	}
	return [...found].sort();
}

describe('audit actions', () => {
	it('finds the actions the code writes (the scan itself works)', () => {
		const written = writtenActions();
		expect(written).toEqual(
			expect.arrayContaining(['auth.login', 'item.rescore', 'stage.unpin', 'template.create'])
		);
		expect(written.length).toBeGreaterThan(40);
	});

	it('lists every action written anywhere in the code', () => {
		const missing = writtenActions().filter((a) => !Object.hasOwn(AUDIT_ACTIONS, a));
		expect(missing).toEqual([]);
	});

	it('labels every listed action in Vietnamese and in English', () => {
		for (const locale of ['vi', 'en'] as const) {
			const t = translator(locale);
			const unlabelled = Object.keys(AUDIT_ACTIONS).filter(
				(a) => t(auditActionKey(a)) === auditActionKey(a)
			);
			expect(unlabelled, locale).toEqual([]);
		}
		expect(translator('vi')(auditActionKey('meeting.item.move'))).toBe(
			'Chủ tịch chuyển bước xét sản phẩm'
		);
		expect(translator('vi')(auditActionKey('dossier.mark-ready'))).toContain('đủ điều kiện');
	});

	it('reads a subject as written or by the action’s kind', () => {
		expect(auditSubject('decision.record', 'decision:abc')).toEqual({
			kind: 'decision',
			id: 'abc'
		});
		expect(auditSubject('item.close', 'item-1')).toEqual({ kind: 'item', id: 'item-1' });
		expect(auditSubject('auth.logout', null)).toBeNull();
		expect(auditSubject('no.such', 'x')).toBeNull();
	});

	it('shows instants as dates and times in Việt Nam, not epoch milliseconds', () => {
		// 03:30 UTC is 10:30 in Việt Nam.
		const at = Date.UTC(2026, 8, 10, 3, 30);
		expect(detailText({ from: 'pending', to: 'presenting', at }, 'vi')).toBe(
			'from: pending; to: presenting; at: 10/09/2026 10:30'
		);
		expect(detailText({ seqs: [1, 2], window: { opensAt: at } }, 'en')).toBe(
			'seqs: 1, 2; window › opensAt: 10 Sep 2026, 10:30'
		);
		expect(detailText(true, 'vi')).toBe('true');
	});

	it('says keys, states, roles and flags in the reader’s language, not as codes', () => {
		// Found on /office/audit in a full sitting: "from: scoring; to: deferred", "round: 2;
		// spread: 83" in the Vietnamese page.
		const vi = translator('vi');
		const en = translator('en');
		expect(detailText({ from: 'scoring', to: 'deferred' }, 'vi', vi, 'meeting.item.move')).toBe(
			'Từ: Chấm điểm; Sang: Hoãn xét'
		);
		expect(detailText({ from: 'scoring', to: 'deferred' }, 'en', en, 'meeting.item.move')).toBe(
			'From: Scoring; To: Deferred'
		);
		expect(detailText({ round: 2, spread: 83 }, 'vi', vi, 'item.rescore')).toBe(
			'Lượt chấm: 2; Chênh lệch (điểm): 83'
		);
		expect(detailText({ from: 'ready' }, 'vi', vi, 'dossier.schedule')).toBe(
			'Từ: Sẵn sàng đưa ra Hội đồng'
		);
		expect(
			detailText(
				{
					userId: 'u-1',
					from: { role: 'member', voting: true },
					to: { role: 'chair', voting: false }
				},
				'vi',
				vi,
				'council.member-update'
			)
		).toBe(
			'Người: u-1; Từ › Vai trò: Thành viên (Ủy viên); Từ › Có quyền chấm điểm: có; ' +
				'Sang › Vai trò: Chủ tịch Hội đồng; Sang › Có quyền chấm điểm: không'
		);
		expect(detailText({ email: 'a@b.vn', role: 'office' }, 'en', en, 'account.create')).toBe(
			'E-mail: a@b.vn; Role: OCOP office'
		);
		// A key or value nobody named stays as written; a dossier id under `from` is no state.
		expect(detailText({ brandNew: 'x', from: 'd-17' }, 'vi', vi, 'dossier.new-version')).toBe(
			'brandNew: x; Từ: d-17'
		);
	});

	it('has a label in both languages for every key the code writes into a detail', () => {
		// The detail objects written by audit(...) calls: their literal keys.
		const written = new Set<string>();
		for (const file of sources('src/lib/server')) {
			const text = readFileSync(file, 'utf8');
			for (const m of text.matchAll(/detail:\s*\{([^}]*)\}/g))
				for (const part of m[1].split(',')) {
					// `key: value`, `key` (shorthand) or `{ key: …` of a nested object; not `...rest`.
					const key = part.split(':')[0].replace('{', '').trim();
					if (/^[a-zA-Z]+$/.test(key)) written.add(key);
				}
		}
		expect(written).toContain('slotMinutes');
		expect(written.size).toBeGreaterThan(20);
		for (const t of [translator('vi'), translator('en')])
			for (const key of written)
				expect([key, t(`audit.detail.keys.${key}`)]).not.toEqual([key, `audit.detail.keys.${key}`]);
	});
});

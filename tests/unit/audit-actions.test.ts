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
			'seqs: 1, 2; window.opensAt: 10 Sep 2026, 10:30'
		);
		expect(detailText(true, 'vi')).toBe('true');
	});
});

// The office's audit log in words: actions labelled, subjects by name (person, sitting, product,
// decision, result, certificate), falling back to the id for a record that is not there, and a
// page of entries named in one query per kind of subject, not one per row.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { audit, countAudit, listAudit } from '../../src/lib/server/audit';
import { auditView } from '../../src/lib/server/audit-view';
import { translator } from '../../src/lib/i18n';
import { recordDecision } from '../../src/lib/server/results/decisions';
import { makeTestContext, type TestContext } from '../helpers/context';
import { lockProduct, MEMBER_NAMES, seedWorld, type World } from '../helpers/locked-results';

let ctx: TestContext;
let world: World;
let seq: number;
const at = Date.UTC(2026, 8, 10, 3, 30); // 10:30 in Việt Nam

beforeAll(() => {
	ctx = makeTestContext();
	world = seedWorld(ctx.db, ctx.now());
	seq = lockProduct(ctx.db, world, {
		key: 'snack',
		name: 'Snack chuối Bana',
		setNo: 7,
		ranks: [1, 1, 1, 1].map(() => [1, 0] as [number, number]),
		closedAt: Date.parse('2026-09-01T03:00:00Z')
	}).seq;
	recordDecision(
		ctx.db,
		{
			councilId: world.councilId,
			number: '2871/QĐ-UBND',
			decidedOn: '2026-09-25',
			signer: 'Trần Văn Phước',
			signerTitle: 'Phó Chủ tịch',
			items: [{ seq, certificateNo: '125/GCN-OCOP' }]
		},
		world.officeId,
		Date.parse('2026-09-26T03:00:00Z')
	);
	const chair = world.memberIds[0];
	for (let i = 0; i < 10; i++) {
		audit(ctx.db, { actorId: chair, action: 'auth.login', subject: chair }, at + i);
		audit(
			ctx.db,
			{
				actorId: chair,
				action: 'meeting.item.move',
				subject: 'item-snack',
				detail: { from: 'pending', to: 'presenting', at }
			},
			at + i
		);
		audit(
			ctx.db,
			{ actorId: chair, action: 'meeting.sitting.adjourn', subject: world.sittingId },
			at
		);
	}
	audit(
		ctx.db,
		{ actorId: world.officeId, action: 'result.publish', subject: `result:${seq}` },
		at
	);
	audit(
		ctx.db,
		{ actorId: chair, action: 'certificate.revoke', subject: `certificate:${seq}` },
		at
	);
	audit(ctx.db, { actorId: 'gone-user', action: 'item.close', subject: 'item-gone' }, at);
});
afterAll(() => ctx.cleanup());

const view = (locale: 'vi' | 'en' = 'vi') =>
	auditView(ctx.db, listAudit(ctx.db, { limit: 50, offset: 0 }), translator(locale), locale);

describe('the audit log in words', () => {
	it('labels actions and names subjects, falling back to the id', () => {
		const rows = view();
		const by = (action: string) => rows.find((r) => r.action === action)!;
		expect(by('auth.login')).toMatchObject({
			actionLabel: 'Đăng nhập',
			actor: expect.stringContaining(MEMBER_NAMES[0]),
			subject: expect.stringContaining(MEMBER_NAMES[0])
		});
		expect(by('meeting.item.move').actionLabel).toBe('Chủ tịch chuyển bước xét sản phẩm');
		expect(by('meeting.item.move').subject).toContain('«Snack chuối Bana»');
		expect(by('meeting.item.move').detail).toBe(
			'Từ: Chờ xét; Sang: Chủ thể trình bày; Lúc: 10/09/2026 10:30'
		);
		expect(by('meeting.sitting.adjourn').subject).toContain('Phiên họp');
		expect(by('decision.record').subject).toBe('Quyết định số 2871/QĐ-UBND');
		expect(by('result.publish').subject).toBe(`Kết quả số ${seq}: «Snack chuối Bana»`);
		expect(by('certificate.revoke').subject).toBe('Giấy chứng nhận số 125/GCN-OCOP');
		expect(by('item.close')).toMatchObject({
			actionLabel: 'Kết thúc chấm điểm và khóa kết quả',
			actor: 'gone-user',
			subject: 'item-gone'
		});
		expect(view('en').find((r) => r.action === 'auth.login')!.actionLabel).toBe('Signed in');
	});

	it('names a page of entries in one query per kind of subject', () => {
		const entries = listAudit(ctx.db, { limit: 50, offset: 0 });
		const prepare = vi.spyOn(ctx.db.$client, 'prepare');
		try {
			auditView(ctx.db, entries, translator('vi'), 'vi');
			// user, item, sitting, decision, result, certificate: six kinds on this page.
			expect(prepare.mock.calls.length).toBeGreaterThan(0);
			expect(prepare.mock.calls.length).toBeLessThanOrEqual(6);
		} finally {
			prepare.mockRestore();
		}
	});

	it('counts a search as it lists it: % and _ literal, marks folded', () => {
		for (const q of ['%', '_', 'adjourn', 'ADJOURN', 'item_snack', 'item-snack'])
			expect(countAudit(ctx.db, q), q).toBe(listAudit(ctx.db, { q, limit: 1e6, offset: 0 }).length);
		expect(countAudit(ctx.db, '%')).toBe(0);
		expect(countAudit(ctx.db, 'adjourn')).toBe(10);
	});
});

describe('searching the log', () => {
	const search = (q: string) => listAudit(ctx.db, { q, limit: 50, offset: 0 }).map((e) => e.action);

	it('finds entries by the words the office reads, in either language, marks ignored', () => {
		// "Kết thúc chấm điểm và khóa kết quả" is item.close's label; "Signed in" auth.login's.
		expect(new Set(search('khoa ket qua'))).toEqual(new Set(['item.close']));
		expect(new Set(search('Signed in'))).toEqual(new Set(['auth.login']));
		expect(new Set(search('ĐĂNG NHẬP'))).toEqual(new Set(['auth.login']));
	});

	it('finds entries by the name of the person who acted', () => {
		const found = listAudit(ctx.db, {
			q: MEMBER_NAMES[0].split(' ').at(-1)!,
			limit: 50,
			offset: 0
		});
		expect(found.length).toBeGreaterThanOrEqual(21);
		expect(
			found.every((e) => e.actorId === world.memberIds[0] || e.subject === world.memberIds[0])
		).toBe(true);
	});

	it('still finds by code and subject, and treats % and _ as plain characters', () => {
		expect(new Set(search('certificate.revoke'))).toEqual(new Set(['certificate.revoke']));
		expect(search('item-gone')).toEqual(['item.close']);
		expect(search('%')).toEqual([]);
	});
});

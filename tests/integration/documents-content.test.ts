// What the documents say (DOCUMENTS.md): the score sheet is the set's statutory form with the
// member's ticks; the minutes record closing, conflicts and who stepped out, the discussion, each
// member's total and an outcome that agrees with the decisions page; a province's 5★ reads
// "tiềm năng 5 sao".
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eq } from 'drizzle-orm';
import { listLeaves } from '../../src/lib/domain/rubric';
import { getRubric } from '../../src/lib/domain/rubrics';
import type { LockedRecord } from '../../src/lib/domain/result-record';
import { NOTES_BY_CRITERION, notesDocName } from '../../src/lib/protocol/yjs-docs';
import {
	agendaItems,
	auditLog,
	conflicts,
	dossiers,
	products,
	users,
	yjsUpdates
} from '../../src/lib/server/db/schema';
import {
	minutesDocument,
	reportDocument,
	scoreSheetDocument
} from '../../src/lib/server/documents';
import { sittings } from '../../src/lib/server/db/schema';
import { decisionCandidates } from '../../src/lib/server/results/decisions';
import { testRenderer } from '../helpers/render-pool';
import { makeTestContext, type TestContext } from '../helpers/context';
import { lockProduct, seedWorld, type World } from '../helpers/locked-results';

/** This file's render pool, as server/main.ts makes the app's. */
const renderer = testRenderer();

let ctx: TestContext;
let world: World;
let snack: LockedRecord;
let overridden: LockedRecord;
let top: LockedRecord;
const dir = mkdtempSync(join(tmpdir(), 'ocop-content-'));

function text(pdf: Buffer): string {
	const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
	writeFileSync(file, pdf);
	return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}
const flat = (t: string) => t.replace(/\s+/g, ' ');

beforeAll(() => {
	ctx = makeTestContext();
	world = seedWorld(ctx.db, ctx.now());
	snack = lockProduct(ctx.db, world, {
		key: 'snack',
		name: 'Snack chuối Bana',
		setNo: 7,
		ranks: [1, 1, 1, 1],
		recused: [3],
		closedAt: ctx.now()
	});
	overridden = lockProduct(ctx.db, world, {
		key: 'lantern',
		name: 'Đèn lồng Hội An',
		setNo: 7,
		ranks: [0, 0, 0, 2],
		override: { reason: 'Thành viên giữ nguyên ý kiến sau khi thảo luận', blocked: 'spread' },
		closedAt: ctx.now() + 120_000
	});
	top = lockProduct(ctx.db, world, {
		key: 'banh',
		name: 'Bánh dừa nướng Quý Thu',
		setNo: 7,
		ranks: [0, 0, 0, 0],
		closedAt: ctx.now() + 240_000
	});
	ctx.db
		.insert(conflicts)
		.values({
			itemId: 'item-snack',
			userId: world.memberIds[3],
			reason: 'người thân làm việc tại HTX',
			declaredBy: world.memberIds[3],
			at: ctx.now()
		})
		.run();
	ctx.db
		.insert(users)
		.values({ id: 'presenter', email: 'p@ocop.test', name: 'Đỗ Thị Hoa', role: 'producer' })
		.run();
	ctx.db
		.insert(users)
		.values([
			{ id: 'presenter-2', email: 'p2@ocop.test', name: 'Phan Văn Long', role: 'producer' },
			{ id: 'presenter-3', email: 'p3@ocop.test', name: 'Huỳnh Thị Lan', role: 'producer' }
		])
		.run();
	ctx.db
		.update(agendaItems)
		.set({ presenters: ['presenter'] })
		.where(eq(agendaItems.id, 'item-snack'))
		.run();
	// The course each item took, as the chair's moves record it (meeting/commands.ts): the snack
	// was presented; the lantern went straight to questions; a third product, also with a
	// presenter, was deferred before it was called.
	ctx.db
		.update(agendaItems)
		.set({ presenters: ['presenter-2'] })
		.where(eq(agendaItems.id, 'item-lantern'))
		.run();
	ctx.db
		.insert(products)
		.values({
			id: 'product-lamp',
			organizationId: 'org-banh',
			name: 'Nước mắm làng Bích Họa',
			rubricVersion: 'qd26-2026',
			productSetNo: 7,
			createdAt: ctx.now()
		})
		.run();
	ctx.db
		.insert(dossiers)
		.values({
			id: 'dossier-lamp',
			productId: 'product-lamp',
			registrationKind: 'first',
			state: 'ready',
			createdAt: ctx.now(),
			updatedAt: ctx.now()
		})
		.run();
	ctx.db
		.insert(agendaItems)
		.values({
			id: 'item-lamp',
			sittingId: world.sittingId,
			position: 99,
			dossierId: 'dossier-lamp',
			presenters: ['presenter-3'],
			state: 'deferred'
		})
		.run();
	const moves: [string, string, string][] = [
		['item-snack', 'pending', 'presenting'],
		['item-snack', 'presenting', 'questions'],
		['item-snack', 'questions', 'scoring'],
		['item-lantern', 'pending', 'questions'],
		['item-lantern', 'questions', 'scoring'],
		['item-lamp', 'pending', 'deferred']
	];
	ctx.db
		.insert(auditLog)
		.values(
			moves.map(([subject, from, to]) => ({
				at: ctx.now(),
				actorId: world.memberIds[0],
				action: 'meeting.item.move',
				subject,
				detail: { from, to }
			}))
		)
		.run();
	const notes = new Y.Doc();
	const map = notes.getMap<Y.Text>(NOTES_BY_CRITERION);
	const say = new Y.Text();
	map.set('1.1', say);
	say.insert(0, 'Hỏi: tỷ lệ chuối Tiên Phước trong nguyên liệu? Trả lời: khoảng 80%.');
	ctx.db
		.insert(yjsUpdates)
		.values({
			doc: notesDocName('item-snack'),
			update: Buffer.from(Y.encodeStateAsUpdate(notes)),
			at: ctx.now()
		})
		.run();
});

afterAll(() => {
	ctx.cleanup();
	rmSync(dir, { recursive: true, force: true });
});

describe('score sheet', () => {
	it("is the set's form: every option with a box, the member's choice ticked", async () => {
		const member = world.memberIds[1];
		const t = text((await scoreSheetDocument(renderer, ctx.db, snack.seq, member))!);
		const rubric = getRubric('qd26-2026', 7);
		const leaves = listLeaves(rubric);
		const card = snack.cards.find((c) => c.member === member)!;
		const lines = t.split('\n');
		// One ticked box per leaf (and one in the footnote), every other option unticked.
		expect(t.split('☒').length - 1).toBe(leaves.length + 1);
		const options = leaves.reduce((n, l) => n + Math.max(l.leaf.options.length, 2), 0);
		expect(t.split('☐').length - 1).toBe(options - leaves.length);
		for (const { leaf } of leaves) {
			const c = card.choices[leaf.code];
			const label = leaf.options.length
				? leaf.options[c].label
				: c === 1
					? 'Có (đạt)'
					: 'Không (không đạt)';
			// The ticked line carries the start of the chosen option's label.
			const start = label.slice(0, 25);
			const line = lines.find((l) => l.includes(start) && l.includes('☒'));
			expect(line, `${leaf.code}: ${start}`).toBeDefined();
		}
		const all = flat(t);
		for (const part of rubric.parts) expect(all).toContain(part.label.toUpperCase());
		expect(all).toContain(rubric.disqualifyWhen.slice(0, 60));
		expect(all).toContain('Bị loại nếu sử dụng toàn bộ nguyên liệu nhập khẩu');
		expect(all).toContain('mức tối thiểu sản phẩm phải đạt');
		expect(all).toContain('Mã sản phẩm:');
		expect(all).toContain('Ý KIẾN CỦA NGƯỜI ĐÁNH GIÁ');
		const mine = snack.result.members[1];
		expect(all).toContain(`TỔNG ĐIỂM tối đa 100 ${mine.total}`);
		expect(all).toContain('NGƯỜI ĐÁNH GIÁ');
		expect(all).toContain('Lê Thị Minh Nguyệt');
	});

	it("of a recused member records the recusal: no round, time, receipt or evaluator's signature", async () => {
		const recused = world.memberIds[3];
		expect(snack.cards.find((c) => c.member === recused)?.recused).toBe(true);
		const t = text((await scoreSheetDocument(renderer, ctx.db, snack.seq, recused))!);
		const all = flat(t);
		expect(all).toContain('GHI NHẬN KHÔNG THAM GIA CHẤM ĐIỂM');
		expect(all).toContain('Snack chuối Bana');
		expect(all).toContain('Võ Thị Kim Oanh');
		expect(all).toContain(
			'Thành viên đã khai báo xung đột lợi ích với sản phẩm này và không tham gia chấm điểm'
		);
		expect(all).toContain('Lý do: người thân làm việc tại HTX.');
		for (const absent of [
			'Lần chấm',
			'nộp phiếu lúc',
			'Mã biên nhận phiếu',
			'NGƯỜI ĐÁNH GIÁ',
			'Tổng điểm:',
			'☒'
		])
			expect(all, absent).not.toContain(absent);
	});

	it('prints every ≥ of the form, not an empty box', async () => {
		const rubric = getRubric('qd26-2026', 7);
		const inForm = JSON.stringify(rubric.parts).split('≥').length - 1;
		expect(inForm).toBeGreaterThan(0);
		const t = text((await scoreSheetDocument(renderer, ctx.db, snack.seq, world.memberIds[0]))!);
		expect(t.split('≥').length - 1).toBe(inForm);
	});
});

describe('minutes', () => {
	it('state the time and the place: the main venue the office set, and the online system', async () => {
		// Nghị định 30/2020: a minutes states where the meeting was held.
		const place = 'Phòng họp tầng 3, Sở Nông nghiệp và Môi trường';
		ctx.db.update(sittings).set({ place }).where(eq(sittings.id, world.sittingId)).run();
		const all = flat(text((await minutesDocument(renderer, ctx.db, world.sittingId))!));
		expect(all).toContain(
			`Địa điểm: điểm cầu chính tại ${place}, kết nối trực tuyến trên hệ thống đánh giá, phân hạng sản phẩm OCOP.`
		);
		expect(all).toMatch(/Thời gian bắt đầu: .+\. Địa điểm:/);
	});

	it('records conflicts, discussion, member totals, closing, and agrees with decisions', async () => {
		const t = text((await minutesDocument(renderer, ctx.db, world.sittingId))!);
		const all = flat(t);
		expect(all).toContain(
			'Võ Thị Kim Oanh khai báo xung đột lợi ích với sản phẩm Snack chuối Bana (người thân làm việc tại HTX)'
		);
		expect(all).toContain('không tham gia chấm và rời phòng họp');
		expect(all).toContain('Trình bày: Đỗ Thị Hoa (đại diện chủ thể OCOP)');
		// Presenters only of items that were presented: not the one taken straight to questions
		// (its minutes say so), not the one deferred before it was called.
		expect(all).not.toContain('Phan Văn Long');
		expect(all).toContain(
			'Chủ thể OCOP không trình bày; Hội đồng chuyển thẳng sang hỏi đáp, chấm điểm.'
		);
		expect(all.split('Chủ thể OCOP không trình bày').length - 1).toBe(1);
		expect(all).toContain('Nước mắm làng Bích Họa');
		expect(all).not.toContain('Huỳnh Thị Lan');
		expect(all).toContain('tỷ lệ chuối Tiên Phước trong nguyên liệu? Trả lời: khoảng 80%.');
		for (const r of [snack, overridden, top])
			for (const m of r.result.members.filter((x) => !x.recused))
				expect(all).toContain(String(m.total).replace('.', ','));
		expect(all).toMatch(/Phiên họp kết thúc lúc \d{2} giờ \d{2} ngày/);
		expect(all).toContain('Thành viên giữ nguyên ý kiến sau khi thảo luận');
		// The decisions page offers the overridden item for a decision: the minutes conclude it too.
		expect(overridden.result.outcome).toBeNull();
		const offered = decisionCandidates(ctx.db).find((c) => c.seq === overridden.seq);
		expect(offered?.outcome).toBe('recognized');
		expect(all).not.toContain('Chưa kết luận');
	});
});

describe('report', () => {
	it('reads "tiềm năng 5 sao" for a province 5★ result', async () => {
		expect(top.result.stars).toBe(5);
		const t = flat(
			text((await reportDocument(renderer, ctx.db, top.seq, { published: false }))!.pdf)
		);
		expect(t).toContain('Hạng sao: tiềm năng 5 sao.');
		expect(t).not.toContain('Hạng sao: 5 sao');
		expect(t).toContain('Tiềm năng 5 sao, đề nghị chuyển Hội đồng cấp trung ương');
	});
});

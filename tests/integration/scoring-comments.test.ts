// The member's comments (Ý kiến của người đánh giá): written by a voting member of the item's
// council while the item is open, refused to anyone else and after close, and printed on the
// member's score sheet.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LockedRecord } from '../../src/lib/domain/result-record';
import { agendaItems, cardComments, conflicts } from '../../src/lib/server/db/schema';
import { scoreSheetDocument } from '../../src/lib/server/documents';
import { commentOf, MAX_COMMENT_CHARS, saveComment } from '../../src/lib/server/scoring/comments';
import { isRefusal } from '../../src/lib/server/refusal';
import { translator } from '../../src/lib/i18n';
import { makeTestContext, type TestContext } from '../helpers/context';
import { lockProduct, seedWorld, type World } from '../helpers/locked-results';
import { flatText } from '../helpers/pdf-text';
import { testRenderer } from '../helpers/render-pool';

const renderer = testRenderer();
afterAll(() => renderer.close());

let ctx: TestContext;
let world: World;
let snack: LockedRecord;
const ITEM = 'item-snack';

const state = (s: 'scoring' | 'closed') =>
	ctx.db.update(agendaItems).set({ state: s }).where(eq(agendaItems.id, ITEM)).run();

function refusal(fn: () => void): string {
	try {
		fn();
	} catch (e) {
		if (!isRefusal(e)) throw e;
		return e.key.replace(/^scoring\.errors\./, '');
	}
	throw new Error('expected a refusal');
}

beforeAll(() => {
	ctx = makeTestContext();
	world = seedWorld(ctx.db, ctx.now());
	snack = lockProduct(ctx.db, world, {
		key: 'snack',
		name: 'Snack chuối Bana',
		setNo: 7,
		ranks: [0, 0, 0, 0],
		closedAt: ctx.now()
	});
});

afterAll(() => ctx.cleanup());

describe('member comments', () => {
	it('are stored for the member while the item is open, normalised, and cleared when empty', () => {
		state('scoring');
		const me = { sittingId: world.sittingId, itemId: ITEM, userId: world.memberIds[1] };
		saveComment(
			ctx.db,
			{ ...me, text: '  Bao bì cần ghi rõ hạn dùng.\r\nNên bổ sung mã QR.  ' },
			1
		);
		expect(commentOf(ctx.db, ITEM, world.memberIds[1])).toBe(
			'Bao bì cần ghi rõ hạn dùng.\nNên bổ sung mã QR.'
		);
		saveComment(ctx.db, { ...me, text: 'Bản sửa.' }, 2);
		expect(commentOf(ctx.db, ITEM, world.memberIds[1])).toBe('Bản sửa.');
		saveComment(ctx.db, { ...me, text: '   ' }, 3);
		expect(commentOf(ctx.db, ITEM, world.memberIds[1])).toBeNull();
	});

	it('with control characters or bidi overrides are refused with a message, and nothing is stored', () => {
		state('scoring');
		const me = { sittingId: world.sittingId, itemId: ITEM, userId: world.memberIds[2] };
		saveComment(ctx.db, { ...me, text: 'Ý kiến cũ.\n\tGiữ nguyên.' }, 1);
		for (const bad of [
			'Nên bổ sung\u0007 mã QR.',
			'a\u0000b',
			'\u001b[2J',
			'Tốt \u202eđấu',
			'x\u2066y'
		]) {
			expect(refusal(() => saveComment(ctx.db, { ...me, text: bad }, 2))).toBe(
				'errors.controlCharsText'
			);
			expect(commentOf(ctx.db, ITEM, world.memberIds[2])).toBe('Ý kiến cũ.\n\tGiữ nguyên.');
		}
		expect(translator('vi')('errors.controlCharsText')).toContain(
			'không được chứa ký tự điều khiển'
		);
		saveComment(ctx.db, { ...me, text: '' }, 3);
	});

	it('are refused to others, in another sitting, when too long, and after close', () => {
		state('scoring');
		const base = { sittingId: world.sittingId, itemId: ITEM, text: 'x' };
		// The secretary holds a seat but does not score.
		expect(refusal(() => saveComment(ctx.db, { ...base, userId: world.officeId }, 1))).toBe(
			'notVoting'
		);
		expect(refusal(() => saveComment(ctx.db, { ...base, userId: 'stranger' }, 1))).toBe(
			'forbidden'
		);
		expect(
			refusal(() =>
				saveComment(ctx.db, { ...base, sittingId: 'other', userId: world.memberIds[1] }, 1)
			)
		).toBe('notFound');
		ctx.db
			.insert(conflicts)
			.values({
				itemId: ITEM,
				userId: world.memberIds[3],
				reason: 'Người thân',
				declaredBy: world.memberIds[3],
				at: 1
			})
			.run();
		expect(refusal(() => saveComment(ctx.db, { ...base, userId: world.memberIds[3] }, 1))).toBe(
			'recused'
		);
		const long = 'ý'.repeat(MAX_COMMENT_CHARS + 1);
		expect(
			refusal(() => saveComment(ctx.db, { ...base, userId: world.memberIds[2], text: long }, 1))
		).toBe('commentTooLong');
		expect(commentOf(ctx.db, ITEM, world.memberIds[2])).toBeNull();
		state('closed');
		expect(refusal(() => saveComment(ctx.db, { ...base, userId: world.memberIds[1] }, 1))).toBe(
			'closed'
		);
	});

	it('print on the member’s own score sheet, and only there', async () => {
		ctx.db
			.insert(cardComments)
			.values({
				itemId: ITEM,
				userId: world.memberIds[2],
				text: 'Sản phẩm có câu chuyện tốt; cần chứng nhận VietGAP cho vùng nguyên liệu.',
				updatedAt: 1
			})
			.run();
		const mine = flatText(
			(await scoreSheetDocument(renderer, ctx.db, snack.seq, world.memberIds[2]))!
		);
		expect(mine).toMatch(
			/Ý KIẾN CỦA NGƯỜI ĐÁNH GIÁ Sản phẩm có câu chuyện tốt; cần chứng nhận VietGAP cho vùng nguyên liệu\./
		);
		const other = flatText(
			(await scoreSheetDocument(renderer, ctx.db, snack.seq, world.memberIds[1]))!
		);
		expect(other).not.toContain('câu chuyện tốt');
		expect(other).toContain('Ý KIẾN CỦA NGƯỜI ĐÁNH GIÁ ....'); // dotted lines for the pen
	});
});

// The producer's notice (in the app and by e-mail, one text) when a result is published: a
// province's 5★ is only a candidate sent to the Ministry (RULES.md 8), not "5 sao".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, users } from '../../src/lib/server/db/schema';
import { notificationText } from '../../src/lib/server/notifications/message';
import { publishResult } from '../../src/lib/server/results/publication';
import { makeTestContext, type TestContext } from '../helpers/context';
import { lockProduct, seedWorld, type World } from '../helpers/locked-results';

let ctx: TestContext;
let world: World;

beforeAll(() => {
	ctx = makeTestContext();
	world = seedWorld(ctx.db, ctx.now(), { prefix: 'pn' });
});
afterAll(() => ctx.cleanup());

function published(key: string, ranks: (number | [number, number])[]) {
	const seq = lockProduct(ctx.db, world, {
		key,
		name: `Sản phẩm ${key}`,
		setNo: 7,
		ranks,
		closedAt: ctx.now()
	}).seq;
	ctx.db
		.insert(users)
		.values({
			id: `producer-${key}`,
			email: `${key}@producer.test`,
			name: `Chủ thể ${key}`,
			role: 'producer',
			organizationId: `org-${key}`
		})
		.run();
	publishResult(ctx.db, seq, world.officeId, ctx.now());
	const note = ctx.db
		.select()
		.from(notifications)
		.all()
		.find((n) => n.link === `/results/${seq}`)!;
	return {
		vi: notificationText(note.kind, note.params, 'vi').body,
		en: notificationText(note.kind, note.params, 'en').body
	};
}

describe("the producer's notice of a published result", () => {
	it('says a province 5★ is a candidate forwarded to the Ministry', () => {
		const { vi, en } = published('pn-five', [0, 0, 0, 0]);
		expect(vi).not.toBe('Kết quả: 5 sao.');
		expect(vi).toContain('tiềm năng 5 sao');
		expect(vi).toContain('gửi Bộ Nông nghiệp và Môi trường');
		expect(en).toContain('5-star candidate');
		expect(en).toContain('Ministry');
	});

	it('keeps the stars for a province 4★', () => {
		const { vi } = published('pn-four', [
			[1, 0],
			[1, 0],
			[1, 0],
			[1, 0]
		]);
		expect(vi).toBe('Kết quả: 4 sao.');
	});
});

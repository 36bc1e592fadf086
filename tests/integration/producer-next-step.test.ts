import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agendaItems, resultPublications } from '../../src/lib/server/db/schema';
import { producerNextStep } from '../../src/lib/server/dossiers/view';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { makeTestContext, type TestContext } from '../helpers/context';

// The demo: Snack chuối Bana is on today's published sitting (demo-item-1) and, from round 1 of 2026,
// has a locked and published 4★ result.
let ctx: TestContext;
beforeAll(async () => {
	ctx = makeTestContext();
	await seedDemo(ctx.db, ctx.now());
});
afterAll(() => ctx.cleanup());

const itemOf = (id: string) =>
	ctx.db.select().from(agendaItems).where(eq(agendaItems.id, id)).get()!;

describe('where the producer goes next', () => {
	it('to the lobby while their item is still to come or under way', () => {
		const item = itemOf('demo-item-1');
		for (const state of ['pending', 'presenting', 'questions', 'scoring'] as const) {
			ctx.db.update(agendaItems).set({ state }).where(eq(agendaItems.id, item.id)).run();
			const next = producerNextStep(ctx.db, item.dossierId);
			expect([state, next.lobby, next.slot?.sittingId]).toEqual([state, true, item.sittingId]);
		}
		for (const state of ['deferred', 'closed'] as const) {
			ctx.db.update(agendaItems).set({ state }).where(eq(agendaItems.id, item.id)).run();
			expect(producerNextStep(ctx.db, item.dossierId).lobby).toBe(false);
		}
		ctx.db.update(agendaItems).set({ state: 'pending' }).where(eq(agendaItems.id, item.id)).run();
	});

	it('to the result once it is published, and not before', () => {
		const item = itemOf('demo-item-2026-snack');
		const next = producerNextStep(ctx.db, item.dossierId);
		expect(next.lobby).toBe(false);
		expect(next.result).toMatchObject({ stars: 4 });
		const seq = next.result!.seq;
		const publication = ctx.db
			.select()
			.from(resultPublications)
			.where(eq(resultPublications.seq, seq))
			.get()!;
		ctx.db.delete(resultPublications).where(eq(resultPublications.seq, seq)).run();
		try {
			expect(producerNextStep(ctx.db, item.dossierId).result).toBeNull();
		} finally {
			ctx.db.insert(resultPublications).values(publication).run();
		}
	});
});

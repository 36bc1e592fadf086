import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listOwnDossiers } from '../../src/lib/server/dossiers/own-list';
import { listFilterOf } from '../../src/lib/server/dossiers/list-query';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { makeTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
beforeEach(async () => {
	ctx = makeTestContext();
	await seedDemo(ctx.db, ctx.now());
});
afterEach(() => ctx.cleanup());

const own = (query: string, org = 'demo-org-datquang') =>
	listOwnDossiers(ctx.db, org, listFilterOf(new URL(`http://x/producer?${query}`)));

describe("a producer's own dossier list", () => {
	it('lists only its own dossiers', () => {
		// The demo has this year's dossier and the one evaluated in an earlier round.
		const { rows, total } = own('');
		expect(total).toBe(2);
		expect(new Set(rows.map((r) => r.product))).toEqual(new Set(['Snack chuối Bana']));
		expect(own('', 'demo-org-quythu').rows.map((r) => r.product)).toEqual([
			'Bánh dừa nướng Quý Thu'
		]);
	});

	it('searches by product name and filters by state', () => {
		expect(own('q=Snack').total).toBe(2);
		expect(own('q=xyz').total).toBe(0);
		expect(own('q=B%C3%A1nh').total).toBe(0); // the other producer's product
		expect(own('state=scheduled').total).toBe(1);
		expect(own('state=draft').total).toBe(0);
		expect(own('state=nonsense').total).toBe(2); // an unknown state is ignored, not an error
	});

	it('pages', () => {
		expect(own('page=2').rows).toEqual([]);
		expect(own('page=2').total).toBe(2);
		expect(own('page=1').rows).toHaveLength(2);
	});
});

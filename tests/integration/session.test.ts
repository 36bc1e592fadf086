import { noLiveEffects } from '../../src/lib/server/live-effects';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/lib/server/accounts';
import {
	createSession,
	invalidateSession,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import { makeTestContext, type TestContext } from '../helpers/context';

const MIN = 60_000;
let ctx: TestContext;
let userId: string;

beforeEach(async () => {
	ctx = makeTestContext({ SESSION_IDLE_MINUTES: '30', SESSION_ABSOLUTE_HOURS: '2' });
	userId = await createAccount(
		ctx.db,
		{ email: 'tv@ocop.vn', name: 'Thành viên', role: 'member', password: 'mat-khau-dai-2026' },
		null,
		ctx.now()
	);
});
afterEach(() => ctx.cleanup());

const validate = (token: string) =>
	validateSessionToken(ctx.db, token, ctx.sessionPolicy, ctx.now());

describe('sessions on a real SQLite file', () => {
	it('expires after the idle window without use', () => {
		const { token } = createSession(ctx.db, userId, ctx.sessionPolicy, ctx.now());
		ctx.advance(29 * MIN);
		expect(validate(token)?.user.email).toBe('tv@ocop.vn');
		// Used at 29 min: the idle window slid to 59 min.
		ctx.advance(29 * MIN);
		expect(validate(token)).not.toBeNull();
		ctx.advance(31 * MIN);
		expect(validate(token)).toBeNull();
		// Gone for good, even if the clock went back.
		expect(ctx.db.$client.prepare('select count(*) n from sessions').get()).toEqual({ n: 0 });
	});

	it('ends at the absolute lifetime however busy it is', () => {
		const { token } = createSession(ctx.db, userId, ctx.sessionPolicy, ctx.now());
		for (let t = 0; t < 119; t += 20) {
			expect(validate(token)).not.toBeNull();
			ctx.advance(20 * MIN);
		}
		ctx.advance(MIN);
		expect(validate(token)).toBeNull();
	});

	it('never slides past the absolute expiry', () => {
		const { token, session } = createSession(ctx.db, userId, ctx.sessionPolicy, ctx.now());
		for (let t = 0; t < 100; t += 20) {
			ctx.advance(20 * MIN);
			validate(token);
		}
		ctx.advance(10 * MIN); // 110 min: a 30-min slide would pass the 120-min lifetime.
		const found = validate(token);
		expect(found!.session.expiresAt).toBe(session.absoluteExpiresAt);
	});

	it('stores only the hash, and a stored id used as a token does not authenticate', () => {
		const { token, session } = createSession(ctx.db, userId, ctx.sessionPolicy, ctx.now());
		const row = ctx.db.$client.prepare('select id from sessions').get() as { id: string };
		expect(row.id).toBe(session.id);
		expect(row.id).not.toBe(token);
		expect(validate(row.id)).toBeNull();
	});

	it('is gone after logout', () => {
		const { token, session } = createSession(ctx.db, userId, ctx.sessionPolicy, ctx.now());
		invalidateSession(ctx.db, session.id, noLiveEffects);
		expect(validate(token)).toBeNull();
	});

	it('rejects a disabled account', () => {
		const { token } = createSession(ctx.db, userId, ctx.sessionPolicy, ctx.now());
		ctx.db.$client.prepare('update users set disabled = 1').run();
		expect(validate(token)).toBeNull();
	});
});

// Per-address limits against the built app, with and without a trusted reverse proxy: without
// one, X-Forwarded-For is the client's own word and buys no fresh bucket; behind one, each client
// the proxy names has its own bucket, so one attacker does not lock everyone out of sign-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/lib/server/accounts';
import { generateToken } from '../../src/lib/server/auth/session';
import type { Db } from '../../src/lib/server/db/client';
import { loginAttempts } from '../../src/lib/server/db/schema';
import { openBuiltApp, type OpenBuiltApp } from '../helpers/built-app';
import { httpFrom, postForm, type HttpAnswer } from '../helpers/http-from';

const PER_ADDRESS = 3;
const INVALID = 'Thư điện tử hoặc mật khẩu không đúng.';
const LOCKED = 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.';
const GOOD = { email: 'chu-tich@t.vn', password: 'mat-khau-dung-2026' };
const WRONG = { email: GOOD.email, password: 'mat-khau-sai-2026' };

/** A sign-in limited per address only: the account limit is out of reach here. */
const LIMITS = { LOGIN_MAX_FAILURES_PER_ADDRESS: String(PER_ADDRESS), LOGIN_MAX_FAILURES: '1000' };

type World = OpenBuiltApp<void>;

function world(env: Record<string, string>): Promise<World> {
	return openBuiltApp({
		env: { ...LIMITS, ...env },
		seed: async (db) => {
			await createAccount(db, { ...GOOD, name: 'Chủ tịch', role: 'member' }, null, Date.now());
		}
	});
}

async function teardown(w: World | undefined): Promise<void> {
	await w?.close();
}

function signIn(
	w: World,
	fields: typeof GOOD,
	headers: Record<string, string> = {},
	from = '127.0.0.1'
) {
	return postForm(from, `${w.app.url}/login`, fields, headers);
}

const shown = (res: HttpAnswer) => res.body.match(/data-testid="form-error"[^>]*>([^<]*)</)?.[1];
const signedIn = (res: HttpAnswer) => res.status === 303 && !!res.headers['set-cookie'];

/** The keys the limits counted, as stored: `ip:` for sign-in, `invite-ip:` for links. */
const countedKeys = (db: Db) =>
	db
		.select({ key: loginAttempts.key })
		.from(loginAttempts)
		.all()
		.map((r) => r.key);

describe('without TRUST_PROXY', () => {
	let w: World;
	beforeAll(async () => (w = await world({ TRUST_PROXY: '' })));
	afterAll(() => teardown(w));

	it('counts the socket address, so a spoofed X-Forwarded-For gets no fresh bucket', async () => {
		for (let i = 1; i <= PER_ADDRESS; i++) {
			const res = await signIn(w, WRONG, { 'x-forwarded-for': `203.0.113.${i}` });
			expect([res.status, shown(res)]).toEqual([400, INVALID]);
		}
		// A new address in the header, and the right password: still this socket, still locked.
		const locked = await signIn(w, GOOD, { 'x-forwarded-for': '198.51.100.99' });
		expect([locked.status, shown(locked)]).toEqual([429, LOCKED]);
		expect(locked.headers['set-cookie']).toBeUndefined();
		expect(countedKeys(w.db).sort()).toEqual([
			`email-ip:${GOOD.email}|127.0.0.1`,
			`email-ip:${GOOD.email}|127.0.0.1`,
			`email-ip:${GOOD.email}|127.0.0.1`,
			`email:${GOOD.email}`,
			`email:${GOOD.email}`,
			`email:${GOOD.email}`,
			'ip:127.0.0.1',
			'ip:127.0.0.1',
			'ip:127.0.0.1'
		]);
		// The lock is this address's, not everyone's.
		expect(signedIn(await signIn(w, GOOD, {}, '127.0.0.2'))).toBe(true);
	});
});

describe('with TRUST_PROXY=true', () => {
	let w: World;
	beforeAll(async () => (w = await world({ TRUST_PROXY: 'true' })));
	afterAll(() => teardown(w));

	// Every request comes from 127.0.0.1, the proxy; it appends the address it saw.
	const via = (client: string, clientWrote?: string) => ({
		'x-forwarded-for': clientWrote ? `${clientWrote}, ${client}` : client
	});

	it('gives each client the proxy names its own bucket', async () => {
		// The attacker changes what it writes itself on every try: the proxy's entry stays.
		for (let i = 1; i <= PER_ADDRESS; i++) {
			const res = await signIn(w, WRONG, via('203.0.113.7', `10.9.9.${i}`));
			expect([res.status, shown(res)]).toEqual([400, INVALID]);
		}
		const locked = await signIn(w, GOOD, via('203.0.113.7', '10.9.9.99'));
		expect([locked.status, shown(locked)]).toEqual([429, LOCKED]);

		// Another client behind the same proxy still signs in.
		expect(signedIn(await signIn(w, GOOD, via('198.51.100.2')))).toBe(true);
		expect(countedKeys(w.db).filter((k) => k.startsWith('ip:'))).toEqual([
			'ip:203.0.113.7',
			'ip:203.0.113.7',
			'ip:203.0.113.7'
		]);
	});

	it('falls back to the socket address on a missing, empty or malformed header', async () => {
		const headers: Record<string, string>[] = [
			{},
			{ 'x-forwarded-for': '' },
			{ 'x-forwarded-for': 'unknown' }
		];
		for (const h of headers) {
			const res = await signIn(w, WRONG, h);
			expect([res.status, shown(res)]).toEqual([400, INVALID]);
		}
		expect(countedKeys(w.db).filter((k) => k === 'ip:127.0.0.1')).toHaveLength(3);
		const locked = await signIn(w, GOOD, { 'x-forwarded-for': ',,' });
		expect([locked.status, shown(locked)]).toEqual([429, LOCKED]);
	});

	it('counts invitation links by the same address', async () => {
		const res = await httpFrom('127.0.0.1', `${w.app.url}/invite/${generateToken()}`, {
			headers: via('198.51.100.9', '127.0.0.1')
		});
		expect(res.status).toBe(200);
		expect(countedKeys(w.db)).toContain('invite-ip:198.51.100.9');
	});

	it('counts an IPv6 client by its /64, so a fresh address in it is no fresh bucket', async () => {
		// A machine with privacy extensions picks a new address in its /64 whenever it likes.
		for (let i = 1; i <= PER_ADDRESS; i++) {
			const res = await signIn(w, WRONG, via(`2001:db8:aa:bb::${i}`));
			expect([res.status, shown(res)]).toEqual([400, INVALID]);
		}
		const locked = await signIn(w, GOOD, via('2001:db8:aa:bb:1234:5678:9abc:def0'));
		expect([locked.status, shown(locked)]).toEqual([429, LOCKED]);
		expect(countedKeys(w.db).filter((k) => k.startsWith('ip:2001'))).toEqual([
			'ip:2001:db8:aa:bb::/64',
			'ip:2001:db8:aa:bb::/64',
			'ip:2001:db8:aa:bb::/64'
		]);
		// The neighbouring /64 (another home) is not locked.
		expect(signedIn(await signIn(w, GOOD, via('2001:db8:aa:bc::1')))).toBe(true);
	});
});

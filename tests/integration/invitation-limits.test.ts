// Invitation limits against the built app: guessing links is limited per address, issuing links
// per account; the refusal names the limit, changes nothing, and nobody else is held up.
import { and, count, eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createAccount, createInvitation, findUserByEmail } from '../../src/lib/server/accounts';
import { SESSION_COOKIE, createSession, generateToken } from '../../src/lib/server/auth/session';
import type { Db } from '../../src/lib/server/db/client';
import { invitations, users } from '../../src/lib/server/db/schema';
import { INVITATION_LIMITS } from '../../src/lib/server/invitation-limits';
import { useBuiltApp } from '../helpers/app-server';
import { httpFrom, postForm, type HttpAnswer } from '../helpers/http-from';

const ME = '127.0.0.1';
const NEIGHBOUR = '127.0.0.2';
const policy = { idleMs: 3_600_000, absoluteMs: 14 * 3_600_000 };

let db: Db;
let token: string;
const ids: Record<'a' | 'b' | 'c' | 'invitee', string> = { a: '', b: '', c: '', invitee: '' };
const cookies: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };

const app = useBuiltApp({
	seed: async (seedDb) => {
		db = seedDb;
		const now = Date.now();
		for (const who of ['a', 'b', 'c'] as const) {
			ids[who] = await createAccount(
				db,
				{ email: `admin-${who}@t.vn`, name: `Quản trị ${who}`, role: 'admin' },
				null,
				now
			);
			cookies[who] = `${SESSION_COOKIE}=${createSession(db, ids[who], policy, now).token}`;
		}
		ids.invitee = await createAccount(
			db,
			{ email: 'moi@t.vn', name: 'Người được mời', role: 'member' },
			ids.b,
			now
		);
		token = createInvitation(db, ids.invitee, ids.b, 72, now);
	}
});

/** The message a page shows: a form's alert or the error page's text. */
function shown(res: HttpAnswer): string | undefined {
	return res.body.match(/data-testid="(?:form-error|error-message)"[^>]*>([^<]*)</)?.[1];
}

const issuedBy = (id: string) =>
	db.select({ n: count() }).from(invitations).where(eq(invitations.createdBy, id)).get()!.n;

describe('guessing invitation links', () => {
	const invalid =
		'Liên kết mời không hợp lệ, đã được dùng hoặc đã hết hạn. Vui lòng liên hệ quản trị viên.';
	const limited =
		'Đã có quá nhiều liên kết mời không hợp lệ được mở từ địa chỉ này. Vui lòng thử lại sau 15 phút.';
	const password = { password: 'mot-mat-khau-dai-2026', confirm: 'mot-mat-khau-dai-2026' };

	it('locks an address after 20 bad links, changes nothing, and serves another address', async () => {
		expect(INVITATION_LIMITS.maxBadLinksPerAddress).toBe(20);
		// Half opened, half submitted: a submission counts once, not once more for its page load.
		const answers: HttpAnswer[] = [];
		for (let i = 0; i < 10; i++)
			answers.push(await httpFrom(ME, `${app.url}/invite/${generateToken()}`));
		for (let i = 0; i < 9; i++)
			answers.push(await postForm(ME, `${app.url}/invite/${generateToken()}`, password));
		answers.push(await httpFrom(ME, `${app.url}/invite/not-even-a-token`));
		expect(answers.map((r) => r.body.includes(invalid))).toEqual(answers.map(() => true));
		expect(answers.filter((r) => r.status === 429)).toHaveLength(0);

		// Locked: even the good link is refused from this address, without naming its owner.
		const good = await httpFrom(ME, `${app.url}/invite/${token}`);
		expect(good.status).toBe(429);
		expect(shown(good)).toBe(limited);
		expect(good.body).not.toContain('moi@t.vn');
		const english = await httpFrom(ME, `${app.url}/invite/${token}`, {
			headers: { cookie: 'ocop_lang=en' }
		});
		expect(shown(english)).toBe(
			'Too many invalid invitation links were opened from this address. Please try again in 15 minutes.'
		);
		const submit = await postForm(ME, `${app.url}/invite/${token}`, password);
		expect(submit.status).toBe(429);
		expect(shown(submit)).toBe(limited);
		const untouched = db.select().from(users).where(eq(users.id, ids.invitee)).get()!;
		expect(untouched.passwordHash).toBeNull();
		const link = db.select().from(invitations).where(eq(invitations.userId, ids.invitee)).get()!;
		expect(link.usedAt).toBeNull();

		// Signing in from the locked address is a separate counter: a wrong password is "wrong".
		const login = await postForm(ME, `${app.url}/login`, {
			email: 'admin-a@t.vn',
			password: 'sai-mat-khau-123'
		});
		expect(shown(login)).toBe('Thư điện tử hoặc mật khẩu không đúng.');

		// Another address opens and uses the link.
		const page = await httpFrom(NEIGHBOUR, `${app.url}/invite/${token}`);
		expect(page.status).toBe(200);
		expect(page.body).toContain('moi@t.vn');
		const done = await postForm(NEIGHBOUR, `${app.url}/invite/${token}`, password);
		expect(done.status).toBe(303);
		expect(done.headers.location).toBe('/login?invited=1');
		expect(findUserByEmail(db, 'moi@t.vn')!.passwordHash).not.toBeNull();
	});
});

describe('issuing invitations', () => {
	const limited =
		'Bạn đã tạo quá nhiều liên kết mời (tối đa 30 liên kết trong 10 phút). Vui lòng thử lại sau 10 phút.';
	const create = (who: 'a' | 'b' | 'c', email: string, mode = 'invite') =>
		postForm(
			ME,
			`${app.url}/admin/users?/create`,
			{ name: `Thành viên ${email}`, email, role: 'member', mode, password: 'mat-khau-dai-2026' },
			{ cookie: cookies[who] }
		);

	it('allows 30 in 10 minutes per account, then refuses with the limit named and nothing made', async () => {
		expect(INVITATION_LIMITS).toMatchObject({ maxIssuedPerAccount: 30, issueWindowMinutes: 10 });
		for (let i = 0; i < 30; i++) {
			const res = await create('a', `tv${i}@t.vn`);
			expect(res.status).toBe(200);
			expect(res.body).toContain(`${app.url}/invite/`);
		}
		const refused = await create('a', 'tv30@t.vn');
		expect(refused.status).toBe(429);
		expect(shown(refused)).toBe(limited);
		expect(refused.body).not.toContain(`${app.url}/invite/`);
		expect(findUserByEmail(db, 'tv30@t.vn')).toBeUndefined();
		const again = await postForm(
			ME,
			`${app.url}/admin/users?/invite`,
			{ id: ids.invitee },
			{ cookie: cookies.a }
		);
		expect(again.status).toBe(429);
		expect(shown(again)).toBe(limited);
		expect(issuedBy(ids.a)).toBe(30);

		// An account with a password is no invitation, and another admin still invites.
		expect((await create('a', 'co-mat-khau@t.vn', 'password')).status).toBe(200);
		const other = await create('b', 'cua-b@t.vn');
		expect(other.status).toBe(200);
		expect(other.body).toContain(`${app.url}/invite/`);
		const made = findUserByEmail(db, 'cua-b@t.vn')!;
		expect(
			db
				.select({ n: count() })
				.from(invitations)
				.where(and(eq(invitations.createdBy, ids.b), eq(invitations.userId, made.id)))
				.get()!.n
		).toBe(1);
	});

	it('holds under 36 requests at once: exactly 30 links and accounts, the rest refused', async () => {
		const answers = await Promise.all(
			Array.from({ length: 36 }, (_, i) => create('c', `dong-thoi-${i}@t.vn`))
		);
		const links = answers.filter((r) => r.status === 200 && r.body.includes('/invite/'));
		const refused = answers.filter((r) => r.status === 429 && shown(r) === limited);
		expect([links.length, refused.length]).toEqual([30, 6]);
		expect(issuedBy(ids.c)).toBe(30);
		// The refused ones left no account behind either.
		const accounts = db
			.select({ n: count() })
			.from(users)
			.where(like(users.email, 'dong-thoi-%'))
			.get()!.n;
		expect(accounts).toBe(30);
	});
});

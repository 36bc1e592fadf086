// Needs the build. The built app with SMTP_URL pointing at a real SMTP server on loopback: the
// office publishes an agenda by its form, the invitations leave the app by mail with their .ics,
// and each person sees their own count in the header, reads the list, marks it read, and
// downloads the invitation; nobody can mark, read or download what is another's.
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { findUserByEmail } from '../../src/lib/server/accounts';
import { SESSION_COOKIE, createSession } from '../../src/lib/server/auth/session';
import { loadConfig } from '../../src/lib/server/config';
import { sessionPolicyOf } from '../../src/lib/server/context';
import { addItem } from '../../src/lib/server/councils/agenda';
import { createSitting } from '../../src/lib/server/councils/sittings';
import type { Db } from '../../src/lib/server/db/client';
import { dossiers, notifications } from '../../src/lib/server/db/schema';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { DEMO_COUNCIL_ID } from '../../src/lib/server/seed/demo-council';
import { useBuiltApp } from '../helpers/app-server';
import { parseIcs, partsOfType, startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

let db: Db;
let sink: SmtpSink;
let sittingId = '';
const TITLE = 'Phiên họp thử thông báo, đợt 3';
const STARTS = Date.UTC(2027, 0, 12, 2, 0);
const idOf = (email: string) => findUserByEmail(db, email)!.id;
const cookieOf = (email: string) => {
	const policy = sessionPolicyOf(loadConfig({ NODE_ENV: 'test' }));
	return `${SESSION_COOKIE}=${createSession(db, idOf(email), policy, Date.now()).token}`;
};
const office = () => {
	const u = findUserByEmail(db, 'vanphong@ocop.demo')!;
	return { ...u, organizationId: null, communeCode: null };
};

function post(cookie: string, path: string, fields: Record<string, string> = {}) {
	return fetch(`${app.url}${path}`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			cookie,
			origin: app.url,
			// As a browser without JavaScript: the page (or its redirect), not the JSON of an action.
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(fields).toString()
	});
}
const get = (cookie: string, path: string) =>
	fetch(`${app.url}${path}`, { headers: { cookie }, redirect: 'manual' });

async function waitFor(check: () => boolean, ms = 15_000) {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error('timed out');
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

// Registered before the app's hooks so that the sink closes after the app has stopped.
afterAll(() => sink?.close());
const app = useBuiltApp({
	env: async () => {
		sink = await startSmtpSink();
		return { SMTP_URL: sink.url, SMTP_FROM: 'Hội đồng OCOP <ocop@ocop.test>' };
	},
	seed: async (seedDb) => {
		db = seedDb;
		await seedDemo(db, Date.now());
		sittingId = createSitting(
			db,
			office(),
			DEMO_COUNCIL_ID,
			{ roundId: 'demo-round-2026-2', title: TITLE, startsAt: STARTS },
			Date.now()
		);
		db.update(dossiers)
			.set({ state: 'ready' })
			.where(eq(dossiers.id, 'demo-product-banh-dua-v1'))
			.run();
		addItem(db, office(), sittingId, 'demo-product-banh-dua-v1', 15, Date.now());
	},
	timeoutMs: 60_000
});

describe('notifications through the built app', () => {
	it('publishing the agenda by the office form mails every invitee an .ics', async () => {
		const res = await post(
			cookieOf('vanphong@ocop.demo'),
			`/office/sittings/${sittingId}?/publish`
		);
		expect(res.status).toBeLessThan(400);
		const invited = db
			.select()
			.from(notifications)
			.where(eq(notifications.kind, 'sitting-scheduled'))
			.all();
		expect(invited.length).toBeGreaterThan(1);
		await waitFor(() => sink.mails.length === invited.length);
		const mail = sink.mails.find((m) => m.to[0] === 'thanhvien1@ocop.demo')!;
		const ics = parseIcs(partsOfType(mail.raw, 'text/calendar')[0]);
		expect(ics.get('SUMMARY')).toBe(TITLE);
		expect(ics.get('DTSTART')).toBe('20270112T020000Z');
		expect(ics.get('UID')).toBe(`sitting-${sittingId}-${idOf('thanhvien1@ocop.demo')}@127.0.0.1`);
		expect(ics.get('URL')).toBe(`${app.url}/sittings/${sittingId}`);
	});

	it('the header counts only the person’s own unread; the list shows them in their language', async () => {
		const member = cookieOf('thanhvien1@ocop.demo');
		const home = await (await get(member, '/results')).text();
		expect(home).toMatch(/data-testid="unread-count"[^>]*>1</);
		const page = await (await get(member, '/notifications')).text();
		expect(page).toContain(`Phiên họp «${TITLE}» đã được lên lịch`);
		expect(page).toContain(`/sittings/${sittingId}/invite.ics`);
		// The commune officer was not invited: no count at all.
		const commune = await (await get(cookieOf('xa.queson@ocop.demo'), '/results')).text();
		expect(commune).toContain('data-testid="notifications-link"');
		expect(commune).not.toContain('data-testid="unread-count"');
		// Signed out: no link, and the page sends to the login.
		expect(await (await get('', '/results')).text()).not.toContain('notifications-link');
		expect((await get('', '/notifications')).headers.get('location')).toMatch(/^\/login\?next=/);
	});

	it('marking another person’s notification is refused and changes nothing', async () => {
		const theirs = db
			.select()
			.from(notifications)
			.where(eq(notifications.userId, idOf('chutich@ocop.demo')))
			.get()!;
		const res = await post(cookieOf('thanhvien1@ocop.demo'), '/notifications?/read', {
			id: String(theirs.id)
		});
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('Không tìm thấy thông báo này.');
		expect(
			db.select().from(notifications).where(eq(notifications.id, theirs.id)).get()!.readAt
		).toBeNull();
	});

	it('marks one read, then all, by plain form posts', async () => {
		const member = cookieOf('thanhvien1@ocop.demo');
		const mine = db
			.select()
			.from(notifications)
			.where(eq(notifications.userId, idOf('thanhvien1@ocop.demo')))
			.get()!;
		const one = await post(member, '/notifications?/read', { id: String(mine.id) });
		expect(one.status).toBe(303);
		expect(
			db.select().from(notifications).where(eq(notifications.id, mine.id)).get()!.readAt
		).not.toBeNull();
		// Read again (a replay): refused, the first reading time kept.
		expect((await post(member, '/notifications?/read', { id: String(mine.id) })).status).toBe(400);
		const chair = cookieOf('chutich@ocop.demo');
		expect((await post(chair, '/notifications?/readAll')).headers.get('location')).toBe(
			'/notifications?all'
		);
		const unread = (email: string) =>
			db
				.select()
				.from(notifications)
				.where(and(eq(notifications.userId, idOf(email)), isNull(notifications.readAt)))
				.all().length;
		expect(unread('chutich@ocop.demo')).toBe(0);
		expect(unread('thanhvien2@ocop.demo')).toBe(1);
	});

	it('the member’s and the producer’s pages offer the invitation', async () => {
		const link = `href="/sittings/${sittingId}/invite.ics"`;
		expect(await (await get(cookieOf('thanhvien1@ocop.demo'), '/member')).text()).toContain(link);
		expect(await (await get(cookieOf('coso.quythu@ocop.demo'), '/producer')).text()).toContain(
			link
		);
		expect(await (await get(cookieOf('htx.datquang@ocop.demo'), '/producer')).text()).not.toContain(
			link
		);
	});

	it('the invitation downloads for those the sitting lets in, and looks missing to others', async () => {
		const res = await get(cookieOf('coso.quythu@ocop.demo'), `/sittings/${sittingId}/invite.ics`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
		const ics = parseIcs(await res.text());
		expect(ics.get('UID')).toBe(`sitting-${sittingId}-${idOf('coso.quythu@ocop.demo')}@127.0.0.1`);
		// A producer with nothing on this agenda, and a missing sitting: the same 404.
		const other = await get(
			cookieOf('htx.datquang@ocop.demo'),
			`/sittings/${sittingId}/invite.ics`
		);
		const missing = await get(cookieOf('htx.datquang@ocop.demo'), `/sittings/s-missing/invite.ics`);
		expect(other.status).toBe(404);
		expect(missing.status).toBe(404);
		expect(await other.text()).toBe(await missing.text());
		expect(
			(await get(cookieOf('xa.queson@ocop.demo'), `/sittings/${sittingId}/invite.ics`)).status
		).toBe(403);
	});
});

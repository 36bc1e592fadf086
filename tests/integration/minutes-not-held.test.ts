// Minutes exist only for a sitting that has been held (opened, then ended by the chair:
// domain/meeting.ts sittingHeld). A sitting still under way is refused with a message of its own.
// For a published sitting that never opened the download is refused with its own message, in
// the reader's language, and the register issues no number: the next minutes take the next
// number, not one after a gap. The held sitting's minutes are unchanged.
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createSession } from '../../src/lib/server/auth/session';
import { sessionPolicyOf } from '../../src/lib/server/context';
import { loadConfig } from '../../src/lib/server/config';
import { translator } from '../../src/lib/i18n';
import { LOCALE_COOKIE } from '../../src/lib/i18n/locales';
import { documentRegister, sittings } from '../../src/lib/server/db/schema';
import { useBuiltApp } from '../helpers/app-server';
import { lockProduct, seedWorld } from '../helpers/locked-results';
import { flatText } from '../helpers/pdf-text';

const policy = sessionPolicyOf(loadConfig({ NODE_ENV: 'test' }));

const app = useBuiltApp({
	seed: (db) => {
		const now = Date.now();
		const world = seedWorld(db, now);
		lockProduct(db, world, {
			key: 'mam',
			name: 'Mắm nêm Ông Tây',
			setNo: 3,
			ranks: [0, 1, 1, 0],
			closedAt: now - 60_000
		});
		// Its agenda published, never opened.
		db.insert(sittings)
			.values({
				id: 'not-held',
				councilId: world.councilId,
				roundId: world.roundId,
				title: 'Phiên họp chưa tiến hành',
				startsAt: now + 86_400_000,
				state: 'published',
				agendaPublishedAt: now,
				createdAt: now
			})
			.run();
		// Opened (an item moved), not yet ended by the chair.
		db.insert(sittings)
			.values({
				id: 'under-way',
				councilId: world.councilId,
				roundId: world.roundId,
				title: 'Phiên họp đang diễn ra',
				startsAt: now,
				state: 'open',
				agendaPublishedAt: now,
				openedAt: now,
				createdAt: now
			})
			.run();
		const cookie = (userId: string) =>
			`ocop_session=${createSession(db, userId, policy, now).token}`;
		return { world, member: cookie(world.memberIds[0]), office: cookie(world.officeId) };
	}
});

async function get(path: string, cookie: string) {
	const r = await fetch(app.url + path, {
		headers: { cookie },
		redirect: 'manual'
	});
	return { status: r.status, body: Buffer.from(await r.arrayBuffer()) };
}

const numbered = (subject: string) =>
	app.db.select().from(documentRegister).where(eq(documentRegister.subject, subject)).all();

describe('minutes of a sitting not held', () => {
	it('are refused with their own message, through either door, and take no number', async () => {
		const { member, office } = app.seeded;
		for (const cookie of [member, office])
			for (const path of ['/documents/minutes/not-held', '/documents/minutes/not-held?via=kit']) {
				const r = await get(path, cookie);
				expect(r.status, path).toBe(404);
				expect(r.body.toString()).toContain(translator('vi')('results.minutesNotHeld'));
			}
		expect(numbered('minutes:not-held')).toEqual([]);
	});

	it('of a sitting under way are refused until the chair ends it, and take no number', async () => {
		const { member, office } = app.seeded;
		for (const cookie of [member, office]) {
			const r = await get('/documents/minutes/under-way', cookie);
			expect(r.status).toBe(404);
			expect(r.body.toString()).toContain(translator('vi')('results.minutesNotEnded'));
		}
		expect(numbered('minutes:under-way')).toEqual([]);
		const page = (await get('/office/sittings/under-way', office)).body.toString();
		expect(page).not.toContain('/documents/minutes/under-way');
	});

	it('are refused in English for an English reader', async () => {
		const r = await get('/documents/minutes/not-held', `${app.seeded.office}; ${LOCALE_COOKIE}=en`);
		expect(r.status).toBe(404);
		expect(r.body.toString()).toContain('The sitting has not been held yet, so it has no minutes.');
	});

	it('are not offered on the office pages until the sitting is held', async () => {
		const { office, world } = app.seeded;
		const page = (await get('/office/sittings/not-held', office)).body.toString();
		expect(page).not.toContain('/documents/minutes/not-held');
		const held = (await get(`/office/sittings/${world.sittingId}`, office)).body.toString();
		expect(held).toContain(`/documents/minutes/${world.sittingId}`);
	});

	it('a held sitting still has its minutes, numbered from 01', async () => {
		const { member, world } = app.seeded;
		const r = await get(`/documents/minutes/${world.sittingId}`, member);
		expect(r.status).toBe(200);
		expect(flatText(r.body)).toContain('Số: 01/BB-HĐOCOP');
	});
});

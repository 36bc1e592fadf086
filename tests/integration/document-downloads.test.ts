// A signed-in download of a council document is answered by the entry point itself, before
// SvelteKit (server/document-downloads.ts). It must be the same answer SvelteKit gives: the same
// document, headers and renewed cookie for a reader who may read it, and for everyone and
// everything else (no right, a missing document, an ended session, any other spelling of the
// address) SvelteKit's own answer, because the request is left to it untouched.
import { describe, expect, it } from 'vitest';
import { createSession, invalidateSession } from '../../src/lib/server/auth/session';
import { sessionPolicyOf } from '../../src/lib/server/context';
import { loadConfig } from '../../src/lib/server/config';
import { translator } from '../../src/lib/i18n';
import { users } from '../../src/lib/server/db/schema';
import { noLiveEffects } from '../../src/lib/server/live-effects';
import { useBuiltApp } from '../helpers/app-server';
import { lockProduct, seedWorld } from '../helpers/locked-results';
import { flatText } from '../helpers/pdf-text';

const policy = sessionPolicyOf(loadConfig({ NODE_ENV: 'test' }));

const app = useBuiltApp({
	seed: (db) => {
		const now = Date.now();
		const world = seedWorld(db, now);
		const seq = lockProduct(db, world, {
			key: 'mam',
			name: 'Mắm nêm Ông Tây',
			setNo: 3,
			ranks: [0, 1, 1, 0],
			closedAt: now - 60_000
		}).seq;
		db.insert(users)
			.values({ id: 'outsider', email: 'ngoai@ocop.test', name: 'Người ngoài', role: 'member' })
			.run();
		const cookie = (userId: string) =>
			`ocop_session=${createSession(db, userId, policy, now).token}`;
		return {
			world,
			seq,
			member: cookie(world.memberIds[0]),
			office: cookie(world.officeId),
			outsider: cookie('outsider')
		};
	}
});

/** What differs between two answers for reasons of their own (time, framing). */
const FRAMING = new Set([
	'date',
	'connection',
	'keep-alive',
	'content-length',
	'transfer-encoding'
]);
const headersOf = (r: Response) =>
	Object.fromEntries([...r.headers].filter(([name]) => !FRAMING.has(name)));

async function get(path: string, cookie?: string) {
	const r = await fetch(app.url + path, {
		headers: cookie ? { cookie } : {},
		redirect: 'manual'
	});
	return { r, body: Buffer.from(await r.arrayBuffer()) };
}

describe('council documents answered before SvelteKit', () => {
	it('gives a council member the same document, headers and cookie as SvelteKit does', async () => {
		const { seq, world, member, office } = app.seeded;
		for (const [path, cookie] of [
			[`/documents/sheet/${seq}/${world.memberIds[1]}`, member],
			[`/documents/report/${seq}`, office],
			[`/documents/minutes/${world.sittingId}`, member]
		]) {
			const direct = await get(path, cookie);
			// A query string is not the canonical address: SvelteKit answers the same route.
			const routed = await get(`${path}?via=sveltekit`, cookie);
			expect(direct.r.status, path).toBe(200);
			expect(routed.r.status, path).toBe(200);
			expect(direct.r.headers.get('content-length')).toBe(String(direct.body.byteLength));
			expect(headersOf(direct.r)).toEqual(headersOf(routed.r));
			expect(direct.r.headers.get('set-cookie')).toMatch(/^ocop_session=[a-z2-7]{32}; Path=\/;/);
			expect(flatText(direct.body)).toBe(flatText(routed.body));
		}
		expect(flatText((await get(`/documents/report/${seq}`, office)).body)).toContain(
			'Mắm nêm Ông Tây'
		);
	});

	it('leaves everyone else to SvelteKit: the same answer as through any other spelling', async () => {
		const { seq, world, outsider, member } = app.seeded;
		const cases: [string, string | undefined][] = [
			[`/documents/sheet/${seq}/${world.memberIds[1]}`, outsider], // not of this council
			[`/documents/minutes/${world.sittingId}`, outsider],
			[`/documents/report/${seq}`, outsider], // locked, not published: missing for them
			[`/documents/sheet/${seq}/no-such-member`, member],
			[`/documents/sheet/${seq + 50}/${world.memberIds[1]}`, member],
			[`/documents/minutes/no-such-sitting`, member],
			[`/documents/sheet/${seq}/${world.memberIds[1]}`, undefined], // not signed in
			[
				`/documents/sheet/${seq}/${world.memberIds[1]}`,
				'ocop_session=abcdefghijklmnopqrstuvwxyz234567'
			],
			// Twice: not the plain form this answers; SvelteKit reads the first, as browsers mean.
			[`/documents/sheet/${seq}/${world.memberIds[1]}`, `${member}; ${member}`]
		];
		for (const [path, cookie] of cases) {
			const direct = await get(path, cookie);
			const routed = await get(`${path}?via=sveltekit`, cookie);
			expect(direct.r.status, `${path} ${cookie}`).toBe(routed.r.status);
			expect(direct.r.headers.get('content-type')).toBe(routed.r.headers.get('content-type'));
			if (direct.r.status === 200) expect(flatText(direct.body)).toBe(flatText(routed.body));
			if (direct.r.status === 404)
				expect(direct.body.toString()).toContain(translator('vi')('results.notFound'));
		}
	});

	it('other spellings of the address reach the same document through SvelteKit', async () => {
		const { seq, world, member } = app.seeded;
		const sheet = `/documents/sheet/${seq}/${world.memberIds[1]}`;
		const canonical = await get(sheet, member);
		for (const variant of [
			sheet.replace('/sheet/', '/%73heet/'),
			sheet.replace('/documents/', '/documents//'),
			sheet.replace('/documents/', '/documents/./'),
			`/documents/sheet/0${seq}/${world.memberIds[1]}`
		]) {
			const r = await get(variant, member);
			if (r.r.status === 200) expect(flatText(r.body)).toBe(flatText(canonical.body));
			else expect([301, 308, 404]).toContain(r.r.status);
		}
	});

	it('a cookie replayed after signing out gets nothing', async () => {
		const { seq, world } = app.seeded;
		const { token, session } = createSession(app.db, world.memberIds[2], policy, Date.now());
		const cookie = `ocop_session=${token}`;
		const sheet = `/documents/sheet/${seq}/${world.memberIds[2]}`;
		expect((await get(sheet, cookie)).r.status).toBe(200);
		invalidateSession(app.db, session.id, noLiveEffects);
		const replay = await get(sheet, cookie);
		expect(replay.r.status).toBe(303);
		expect(replay.r.headers.get('location')).toMatch(/^\/login\?next=/);
	});
});

import { eq } from 'drizzle-orm';
import { TokenVerifier } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemState } from '../../src/lib/domain/meeting';
import { findUserByEmail } from '../../src/lib/server/accounts';
import { agendaItems, conflicts } from '../../src/lib/server/db/schema';
import { isRefusal } from '../../src/lib/server/refusal';
import { mintToken } from '../../src/lib/server/livekit/tokens';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { makeTestContext, type TestContext } from '../helpers/context';

const LK = { url: 'ws://127.0.0.1:7880', apiKey: 'devkey', apiSecret: 'secret' };
const SITTING = 'demo-sitting-1';
const ROOM = 'sitting-demo-sitting-1';

let ctx: TestContext;
const ids: Record<string, string> = {};

beforeAll(async () => {
	ctx = makeTestContext();
	await seedDemo(ctx.db, ctx.now());
	for (const [k, email] of Object.entries({
		chair: 'chutich@ocop.demo',
		vice: 'phochutich@ocop.demo',
		member: 'thanhvien1@ocop.demo',
		secretary: 'vanphong@ocop.demo',
		producer: 'htx.datquang@ocop.demo',
		otherProducer: 'coso.quythu@ocop.demo',
		admin: 'admin@ocop.demo'
	}))
		ids[k] = findUserByEmail(ctx.db, email)!.id;
});
afterAll(() => ctx.cleanup());

function setState(state: ItemState) {
	ctx.db.update(agendaItems).set({ state }).where(eq(agendaItems.id, 'demo-item-1')).run();
}

async function grantOf(who: string) {
	try {
		const { token, ttlSeconds, url } = await mintToken(
			ctx.db,
			LK,
			{ id: ids[who], name: who },
			SITTING
		);
		const claims = await new TokenVerifier(LK.apiKey, LK.apiSecret).verify(token);
		expect(url).toBe(LK.url);
		expect(ttlSeconds).toBe(600);
		expect(claims.exp! - claims.nbf!).toBe(600);
		expect(claims.sub).toBe(ids[who]);
		return claims.video;
	} catch (e) {
		if (isRefusal(e)) return `refused ${e.code} ${e.key}`;
		throw e;
	}
}

const publishAv = {
	room: ROOM,
	roomJoin: true,
	canSubscribe: true,
	canPublishData: false,
	canPublish: true,
	canPublishSources: ['camera', 'microphone']
};
const expected = {
	chair: { ...publishAv, roomAdmin: true },
	vice: publishAv,
	member: publishAv,
	secretary: {
		room: ROOM,
		roomJoin: true,
		canSubscribe: true,
		canPublishData: false,
		canPublish: false,
		hidden: true
	},
	presenter: { ...publishAv, canPublishSources: ['camera', 'microphone', 'screen_share'] },
	lobby: 'refused forbidden meeting.errors.lobby',
	outsider: 'refused forbidden meeting.errors.notInSitting'
};

const PHASES: ItemState[] = ['pending', 'presenting', 'questions', 'scoring', 'closed', 'deferred'];

describe('LiveKit tokens follow role and phase', () => {
	for (const phase of PHASES) {
		it(`grants in phase ${phase}, compared whole`, async () => {
			setState(phase);
			const onStage = phase === 'presenting' || phase === 'questions';
			expect(await grantOf('chair')).toEqual(expected.chair);
			expect(await grantOf('vice')).toEqual(expected.vice);
			expect(await grantOf('member')).toEqual(expected.member);
			expect(await grantOf('secretary')).toEqual(expected.secretary);
			expect(await grantOf('producer')).toEqual(onStage ? expected.presenter : expected.lobby);
			expect(await grantOf('otherProducer')).toEqual(expected.lobby);
			expect(await grantOf('admin')).toEqual(expected.outsider);
		});
	}

	it('never grants room creation, listing, recording or admin beyond the chair', async () => {
		setState('presenting');
		for (const who of ['chair', 'vice', 'member', 'secretary', 'producer']) {
			const video = (await grantOf(who)) as Record<string, unknown>;
			for (const k of ['roomCreate', 'roomList', 'roomRecord', 'ingressAdmin'])
				expect(video[k]).toBeUndefined();
			if (who !== 'chair') expect(video.roomAdmin).toBeUndefined();
		}
	});

	it('keeps a member recused from the live item out of the room for that item', async () => {
		ctx.db
			.insert(conflicts)
			.values({
				itemId: 'demo-item-1',
				userId: ids.member,
				reason: 'họ hàng',
				declaredBy: ids.member,
				at: ctx.now()
			})
			.run();
		setState('questions');
		expect(await grantOf('member')).toBe('refused forbidden meeting.errors.recused');
		setState('closed');
		expect(await grantOf('member')).toEqual(expected.member);
	});

	it('refuses when no LiveKit server is configured', async () => {
		await expect(
			mintToken(ctx.db, null, { id: ids.chair, name: 'c' }, SITTING)
		).rejects.toMatchObject({
			code: 'not-found',
			key: 'meeting.errors.videoOff'
		});
	});
});

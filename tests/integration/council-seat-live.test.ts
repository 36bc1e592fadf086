// A council seat changed or taken away by the office, while the sitting runs: the person's live
// connections follow the new seat at once (an outside probe found a removed member still
// receiving the chat and the shared notes, and a demoted chair still on the staff feed). Real
// socket.io and Yjs clients against the built app; the change is the office's own form post.
import { describe, expect, it } from 'vitest';
import { CLOSE } from '../../src/lib/protocol/close-codes';
import type { SittingSnapshot } from '../../src/lib/protocol/meeting-events';
import { notesDocName } from '../../src/lib/protocol/yjs-docs';
import { sessionPolicyOf } from '../../src/lib/server/context';
import { loadConfig } from '../../src/lib/server/config';
import { useBuiltApp } from '../helpers/built-app';
import { command, connectAs, nextEvent, type Client } from '../helpers/recusal-world';
import { seedScoringFixture } from './scoring-fixture';
import { rawClient } from './yjs-helpers';
import { within } from '../helpers/within';

const policy = sessionPolicyOf(loadConfig({ NODE_ENV: 'test' }));
const app = useBuiltApp({
	seed: (db) => seedScoringFixture(db, policy, Date.now(), 'questions')
});

async function inSitting(cookie: string): Promise<Client> {
	const socket = await connectAs(app.url, cookie);
	expect((await command(socket, 'sitting:join', { sittingId: app.seeded.sittingId })).ok).toBe(
		true
	);
	return socket;
}

/** The office's form on the council page, as a browser posts it. */
async function officePost(action: string, fields: Record<string, string>) {
	const r = await fetch(`${app.url}/office/councils/c1?/${action}`, {
		method: 'POST',
		headers: {
			origin: app.url,
			cookie: app.seeded.cookies.secretary,
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true'
		},
		body: new URLSearchParams(fields)
	});
	return { status: r.status, body: await r.text() };
}

/** Every `sitting:chat` the socket hears from now on. */
function chatsOf(socket: Client): string[] {
	const heard: string[] = [];
	socket.on('sitting:chat', (e) => heard.push(e.message.text));
	return heard;
}

describe('a council seat changed while the sitting runs', () => {
	it('a removed member hears no more chat and their shared notes close', async () => {
		const f = app.seeded;
		const chair = await inSitting(f.cookies.chair);
		const removed = await inSitting(f.cookies.m2);
		const staying = await inSitting(f.cookies.m1);
		const notes = rawClient(app.url, notesDocName(f.itemId), f.cookies.m2);
		await notes.ready;
		const leave = nextEvent(removed, 'av:leave', (e) => e.sittingId === f.sittingId);
		const heardByRemoved = chatsOf(removed);
		const heardByStaying = chatsOf(staying);
		try {
			const r = await officePost('removeMember', { userId: f.ids.m2 });
			expect(r.status).toBe(200);
			expect(r.body).toContain('saved');
			// The form answers once the live effects are done.
			expect(await within(leave, 'the removed member told to leave the video')).toEqual({
				sittingId: f.sittingId,
				reason: 'seat'
			});
			expect(await within(notes.closed, 'the removed member’s notes closing')).toBe(
				CLOSE.forbidden
			);
			expect(
				await command(chair, 'chat:send', { sittingId: f.sittingId, text: 'Sau khi rút tên' })
			).toMatchObject({ ok: true });
			await within(
				new Promise<void>((resolve) => {
					const check = () => (heardByStaying.length ? resolve() : setTimeout(check, 20));
					check();
				}),
				'the chat reaching a member who stays'
			);
			expect(heardByStaying).toEqual(['Sau khi rút tên']);
			expect(heardByRemoved).toEqual([]);
			expect(await command(removed, 'hand:raise', { sittingId: f.sittingId })).toMatchObject({
				ok: false,
				error: { code: 'forbidden' }
			});
		} finally {
			for (const s of [chair, removed, staying]) s.close();
			notes.ws.terminate();
		}
	});

	it('a chair made a member is seated as a member at once: no chair commands, no staff feed', async () => {
		const f = app.seeded;
		const chair = await inSitting(f.cookies.chair);
		const seated = nextEvent(chair, 'sitting:state', (s) => s.sittingId === f.sittingId);
		try {
			const r = await officePost('updateMember', {
				userId: f.ids.chair,
				role: 'member',
				voting: 'on',
				title: ''
			});
			expect(r.status).toBe(200);
			const snapshot: SittingSnapshot = await within(seated, 'the new seat’s state');
			expect(snapshot.me.role).toBe('member');
			expect(await command(chair, 'hand:next', { sittingId: f.sittingId })).toMatchObject({
				ok: false,
				error: { code: 'forbidden' }
			});
			// The staff feed (every member's progress) goes to chair and secretary only: a watch now
			// answers as a scorer's.
			expect(await command(chair, 'scoring:watch', { itemId: f.itemId })).toMatchObject({
				ok: true,
				data: { role: 'scorer' }
			});
		} finally {
			chair.close();
		}
	});

	it('a change of title only leaves the person where they are', async () => {
		const f = app.seeded;
		const member = await inSitting(f.cookies.m1);
		let told = false;
		member.on('av:leave', () => (told = true));
		member.on('sitting:state', () => (told = true));
		try {
			const r = await officePost('updateMember', {
				userId: f.ids.m1,
				role: 'member',
				voting: 'on',
				title: 'Chuyên gia'
			});
			expect(r.status).toBe(200);
			await new Promise((resolve) => setTimeout(resolve, 500));
			expect(told).toBe(false);
		} finally {
			member.close();
		}
	});
});

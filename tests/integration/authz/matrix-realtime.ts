// The registry's realtime half: server/'s own routes, every socket.io command (the LiveKit token
// request among them) and the Yjs document patterns, by role and by the item's state.
import { boardDocName, cardDocName, notesDocName } from '../../../src/lib/protocol/yjs-docs';
import { F, USER } from './ids';
import {
	all,
	byState,
	COUNCIL_A,
	inStates,
	LIVE,
	ON_STAGE,
	only,
	type ByState,
	type Expectation,
	type ItemState,
	type Outcome,
	type Role
} from './outcomes';
import type { Registry, SocketCase, YjsCase } from './registry-types';

/** Commands: the roles named get `ok`; everyone else is refused, the anonymous never connect. */
const cmd = (allowed: Role[], ok: Outcome | ByState = 'ok') =>
	only(allowed, { ok, denied: 'refused:forbidden', anon: 'unauthorized' });
const s = (
	payload: SocketCase['payload'],
	expect: Expectation,
	check?: SocketCase['check']
): SocketCase => ({ kind: 'socket', payload, expect, check });
const y = (doc: YjsCase['doc'], expect: Expectation): YjsCase => ({ kind: 'yjs', doc, expect });
const docs = (allowed: Role[], ok: Outcome | ByState) =>
	only(allowed, { ok, denied: 'closed:4403', anon: 'unauthorized' });

const sitting = () => ({ sittingId: F.sitting });
const item = () => ({ itemId: F.item });
/** A move the chair may make from each state (none from closed or deferred). */
const MOVE_TO: Record<ItemState, ItemState> = {
	pending: 'presenting',
	presenting: 'questions',
	questions: 'presenting',
	scoring: 'deferred',
	closed: 'presenting',
	deferred: 'presenting'
};
const OVER = { closed: 'refused:wrong-state', deferred: 'refused:wrong-state' } as const;
/** In the room: the council; the producer only while their item is on stage. */
const inRoom = {
	...cmd(COUNCIL_A),
	producer: byState(inStates(ON_STAGE, 'ok'), 'refused:forbidden')
};
/** Addressing the council: the recused member steps out while their item is live. */
const speaks = { ...inRoom, recused: byState(inStates(LIVE, 'refused:forbidden'), 'ok') };

const GRANTS: Partial<Record<Role, { kind: string; admin: boolean; publish: boolean }>> = {
	chair: { kind: 'chair', admin: true, publish: true },
	secretary: { kind: 'observer', admin: false, publish: false },
	member: { kind: 'member', admin: false, publish: true },
	recused: { kind: 'member', admin: false, publish: true },
	producer: { kind: 'presenter', admin: false, publish: true }
};

/** The token's grants follow the role: room admin for the chair only, nobody else's room. */
function checkToken(role: Role, data: unknown): string | null {
	const token = (data as { token?: string }).token ?? '';
	const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
	const want = GRANTS[role];
	const video = claims.video ?? {};
	const kind = JSON.parse(claims.metadata ?? '{}').kind;
	if (!want) return 'a token for a role that has none';
	if (video.room !== `sitting-${F.sitting}` || video.roomCreate || video.roomList)
		return `grant reaches beyond the sitting's room: ${JSON.stringify(video)}`;
	if (kind !== want.kind || !!video.roomAdmin !== want.admin || !!video.canPublish !== want.publish)
		return `grant ${kind} ${JSON.stringify(video)}, expected ${JSON.stringify(want)}`;
	return null;
}

/** The chair and the secretary see the board; a scorer sees their own status only. */
function checkWatch(role: Role, data: unknown): string | null {
	const d = data as { role: string; board: unknown };
	const staff = role === 'chair' || role === 'secretary';
	if (d.role !== (staff ? 'staff' : 'scorer') || (d.board === null) === staff)
		return `watch as ${d.role} with board ${d.board === null ? 'hidden' : 'shown'}`;
	return null;
}

/** A producer waiting in the lobby sees the agenda's progress, not the room's chat or hands. */
function checkJoin(role: Role, data: unknown): string | null {
	const d = data as { me: { lobby: boolean }; chat: unknown[]; hands: unknown[] };
	if (role !== 'producer') return null;
	if (!d.me.lobby || d.chat.length > 0 || d.hands.length > 0) return 'the lobby sees the room';
	return null;
}

export const REALTIME: Registry = {
	'server GET /healthz': { kind: 'server', expect: all('ok') },
	'server POST /livekit/webhook': {
		kind: 'server',
		body: '{"event":"participant_joined","room":{"name":"sitting-s1"}}',
		expect: all('unauthorized')
	},
	'socket sitting:join': s(sitting, cmd([...COUNCIL_A, 'producer']), checkJoin),
	// Leaving a sitting one never joined is acknowledged and must change nothing.
	'socket sitting:leave': s(sitting, {
		...cmd([...COUNCIL_A, 'producer']),
		...Object.fromEntries(
			['admin', 'office', 'otherCouncil', 'otherProducer', 'commune'].map((r) => [r, 'noop'])
		)
	}),
	'socket item:move': s(
		(state) => ({ itemId: F.item, to: MOVE_TO[state] }),
		cmd(['chair'], byState(OVER, 'ok'))
	),
	'socket hand:raise': s(sitting, speaks),
	'socket hand:lower': s(sitting, inRoom),
	'socket hand:next': s(sitting, cmd(['chair'])),
	'socket chat:send': s(() => ({ sittingId: F.sitting, text: 'Xin phát biểu' }), speaks),
	'socket viewer:page': s(() => ({ itemId: F.item, fileId: null, page: 2 }), {
		...cmd(['chair']),
		producer: byState(inStates(ON_STAGE, 'ok'), 'refused:forbidden')
	}),
	'socket timer': s(
		() => ({ sittingId: F.sitting, action: 'start' }),
		cmd(['chair'], byState(inStates(LIVE, 'ok'), 'refused:wrong-state'))
	),
	'socket livekit:token': s(
		sitting,
		{
			...cmd(['chair', 'secretary', 'member']),
			recused: byState(inStates(LIVE, 'refused:forbidden'), 'ok'),
			producer: byState(inStates(ON_STAGE, 'ok'), 'refused:forbidden')
		},
		checkToken
	),
	'socket av:mute': s(
		() => ({ sittingId: F.sitting, userId: 'u-m1', kind: 'audio' }),
		cmd(['chair'])
	),
	'socket av:remove': s(() => ({ sittingId: F.sitting, userId: 'u-m1' }), cmd(['chair'])),
	// The chair ends the sitting once no item is live; nobody else ends it in any state.
	'socket sitting:adjourn': s(
		sitting,
		cmd(['chair'], byState(inStates(LIVE, 'refused:wrong-state'), 'ok'))
	),
	'socket stage:pin': s(
		() => ({ sittingId: F.sitting, userId: 'u-m1', kind: 'camera' }),
		cmd(['chair'])
	),
	'socket conflict:declare': s(
		() => ({ itemId: F.item, reason: 'Quen biết cơ sở' }),
		cmd(COUNCIL_A, byState(OVER, 'ok'))
	),
	'socket scoring:watch': s(item, cmd(['chair', 'secretary', 'member']), checkWatch),
	'socket score:submit': s(
		() => ({ itemId: F.item }),
		cmd(['chair', 'member'], byState({ scoring: 'ok' }, 'refused:wrong-state'))
	),
	// Allowed, the chair meets the rule that every card must be in; nothing locks in the walk.
	'socket item:close': s(
		item,
		cmd(['chair'], byState({ scoring: 'refused:conflict' }, 'refused:wrong-state'))
	),
	'socket item:rescore': s(item, cmd(['chair'], 'refused:wrong-state')),
	// The board: every card and the notes at once, read-only, for the chair and the secretary.
	'yjs board/<itemId>': y(() => boardDocName(F.item), docs(['chair', 'secretary'], 'read')),
	'yjs card/<itemId>/<own userId>': y(
		(role) => cardDocName(F.item, role === 'anonymous' ? 'u-m1' : USER[role]),
		{ ...docs(['chair', 'member'], byState({ scoring: 'ok' }, 'read')), secretary: 'closed:4404' }
	),
	'yjs card/<itemId>/<other userId>': y(
		() => cardDocName(F.item, F.otherScorer),
		docs(['chair', 'secretary'], 'read')
	),
	'yjs notes/<itemId>': [
		y(
			() => notesDocName(F.item),
			docs(['chair', 'secretary', 'member'], byState(inStates(LIVE, 'ok'), 'read'))
		),
		// An item of a draft agenda is nobody's yet, as its sitting is: no such document.
		y(() => notesDocName(F.draftItem), { ...all('closed:4404'), anonymous: 'unauthorized' })
	]
};

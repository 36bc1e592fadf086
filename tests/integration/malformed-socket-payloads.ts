// The socket.io malformed-input registry (not a test file): for every command in
// CLIENT_COMMANDS, who sends it, the server's own payload schema, a well-formed payload and
// which of its fields are ids. Payloads are broken by construction: the schema refuses them,
// or every id in them names nothing, so the service must refuse them.
import fc from 'fast-check';
import type { z } from 'zod';
import { meetingPayloads } from '../../src/lib/protocol/meeting-events';
import {
	closePayload,
	rescorePayload,
	submitPayload,
	watchPayload
} from '../../src/lib/protocol/scoring-events';
import type { ClientCommand } from '../../src/lib/protocol/commands';
import { junkId, junkText } from '../helpers/fuzz';
import type { FuzzFixture, FuzzPerson } from '../helpers/fuzz-fixture';

export interface CommandFuzz {
	/** Who may send it (so the payload meets validation, not the door). */
	as: FuzzPerson;
	schema: z.ZodType;
	valid: Record<string, unknown>;
	/** Fields that name a record: replaced together by junk, the payload names nothing. */
	ids: string[];
	/** Leaving is idempotent: a well-formed leave of a sitting that does not exist is fine. */
	idempotent?: true;
}

export function socketFuzzRegistry(f: FuzzFixture): Record<ClientCommand, CommandFuzz> {
	const P = meetingPayloads();
	const s = { sittingId: f.sittingId };
	const i = { itemId: f.itemId };
	return {
		'sitting:join': { as: 'm1', schema: P.join, valid: s, ids: ['sittingId'] },
		'sitting:leave': {
			as: 'm1',
			schema: P.sitting,
			valid: s,
			ids: ['sittingId'],
			idempotent: true
		},
		'item:move': {
			as: 'chair',
			schema: P.move,
			valid: { ...i, to: 'presenting' },
			ids: ['itemId']
		},
		'hand:raise': { as: 'm1', schema: P.sitting, valid: s, ids: ['sittingId'] },
		'hand:lower': {
			as: 'm1',
			schema: P.av.partial({ userId: true }),
			valid: { ...s, userId: f.ids.m1 },
			ids: ['sittingId', 'userId']
		},
		'hand:next': { as: 'chair', schema: P.handNext, valid: s, ids: ['sittingId'] },
		'chat:send': {
			as: 'm1',
			schema: P.chat,
			valid: { ...s, text: 'Xin chào' },
			ids: ['sittingId']
		},
		'viewer:page': {
			as: 'chair',
			schema: P.viewer,
			valid: { ...i, fileId: null, page: 1 },
			ids: ['itemId']
		},
		timer: { as: 'chair', schema: P.timer, valid: { ...s, action: 'start' }, ids: ['sittingId'] },
		'livekit:token': { as: 'm1', schema: P.sitting, valid: s, ids: ['sittingId'] },
		'av:mute': {
			as: 'chair',
			schema: P.av,
			valid: { ...s, userId: f.ids.m1, kind: 'audio' },
			ids: ['sittingId']
		},
		'av:remove': {
			as: 'chair',
			schema: P.av,
			valid: { ...s, userId: f.ids.m1 },
			ids: ['sittingId']
		},
		'stage:pin': {
			as: 'chair',
			schema: P.stagePin,
			valid: { ...s, userId: f.ids.m1, kind: 'camera' },
			ids: ['sittingId', 'userId']
		},
		'conflict:declare': {
			as: 'm1',
			schema: P.conflict,
			valid: { ...i, reason: 'Người thân' },
			ids: ['itemId']
		},
		'sitting:adjourn': { as: 'chair', schema: P.sitting, valid: s, ids: ['sittingId'] },
		'scoring:watch': { as: 'chair', schema: watchPayload, valid: i, ids: ['itemId'] },
		'score:submit': {
			as: 'm1',
			schema: submitPayload,
			valid: i,
			ids: ['itemId']
		},
		'item:close': {
			as: 'chair',
			schema: closePayload,
			valid: { ...i, override: null },
			ids: ['itemId']
		},
		'item:rescore': { as: 'chair', schema: rescorePayload, valid: i, ids: ['itemId'] }
	};
}

/** Builds `{ "__proto__": ..., "constructor": ... }` as JSON.parse does: own keys, no prototype. */
const pollution = fc.constantFrom(
	'{"__proto__":{"isAdmin":true,"ok":true}}',
	'{"constructor":{"prototype":{"isAdmin":true}}}',
	'{"__proto__":null}',
	'{"hasOwnProperty":1,"toString":"x","valueOf":[]}'
);

/** Arrays or objects nested up to a thousand deep (far below the 64 KiB limit). */
const deep = fc.tuple(fc.integer({ min: 50, max: 1000 }), fc.boolean()).map(([n, arr]) => {
	let v: unknown = arr ? [] : {};
	for (let k = 0; k < n; k++) v = arr ? [v] : { a: v };
	return v;
});

/**
 * Long strings that still fit in one message once JSON-escaped (a NUL takes six bytes), even
 * twice over (a payload and an extra argument): over 64 KiB the server closes the connection,
 * which has its own test.
 */
const huge = fc
	.tuple(fc.constantFrom('a', 'đ', '\u0000', '🙂'), fc.integer({ min: 1000, max: 4000 }))
	.map(([c, n]) => c.repeat(n));

/** A value of the wrong kind for any field: junk strings, odd numbers, objects, bytes. */
const junkValue: fc.Arbitrary<unknown> = fc.oneof(
	junkText,
	fc.constantFrom(null, true, false, 0, -1, 1e308, -0, 2 ** 53 + 1, 1.5, '', [], {}),
	fc.double(),
	fc.anything({ maxDepth: 3 }),
	huge,
	deep,
	pollution.map((j) => JSON.parse(j)),
	fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b))
);

/** Payloads of `c` that the command must refuse (see `refusable`). */
export function payloadArb(c: CommandFuzz, realIds: string[]): fc.Arbitrary<unknown> {
	const keys = Object.keys(c.valid);
	const withField = fc
		.tuple(fc.constantFrom(...keys), junkValue)
		.map(([k, v]) => ({ ...c.valid, [k]: v }));
	const without = fc.constantFrom(...keys).map((k) => {
		const copy: Record<string, unknown> = { ...c.valid };
		delete copy[k];
		return copy;
	});
	const polluted = fc
		.tuple(pollution, fc.constantFrom(...keys), junkValue)
		.map(([j, k, v]) => Object.assign(JSON.parse(j), { ...c.valid, [k]: v }));
	const unknownIds = fc
		.array(junkId(realIds), { minLength: c.ids.length, maxLength: c.ids.length })
		.map((vals) => ({ ...c.valid, ...Object.fromEntries(c.ids.map((k, n) => [k, vals[n]])) }));
	return fc
		.oneof(
			{ weight: 4, arbitrary: withField },
			{ weight: 1, arbitrary: without },
			{ weight: 1, arbitrary: polluted },
			{ weight: 2, arbitrary: junkValue },
			{ weight: 2, arbitrary: unknownIds }
		)
		.filter((p) => refusable(c, p, realIds));
}

/** The payload as the server receives it: JSON on the wire, bytes kept as bytes. */
export function wireOf(payload: unknown): Record<string, unknown> {
	const json = JSON.stringify(payload, (_k, v) =>
		Buffer.isBuffer(v) || v?.type === 'Buffer' ? { bytes: 1 } : v
	);
	return JSON.parse(json ?? 'null');
}

/**
 * Either the schema refuses the payload, or every id field it has is junk: nothing real can be
 * touched.
 */
export function refusable(c: CommandFuzz, payload: unknown, realIds: string[]): boolean {
	const wire = wireOf(payload);
	if (!c.schema.safeParse(wire).success) return true;
	return c.ids.every((k) => typeof wire[k] === 'string' && !realIds.includes(wire[k].trim()));
}

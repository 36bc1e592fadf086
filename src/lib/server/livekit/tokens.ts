import { AccessToken } from 'livekit-server-sdk';
import type { LiveKitTokenGrant } from '../../protocol/meeting-events';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { isRecused } from '../membership';
import {
	requireAccess,
	requireInSession,
	sittingAccess,
	type SittingAccess
} from '../meeting/access';
import { inSession } from '../../domain/meeting';
import { refuse } from '../refusal';
import { liveItemOf } from '../meeting/state';
import { decideGrant, TOKEN_TTL_SECONDS, type GrantDecision } from './grants';

type LiveKitConfig = NonNullable<Config['livekit']>;

/** The client connects with ws(s)://; the SDK's room service speaks http(s):// to the same host. */
export function httpUrlOf(url: string): string {
	return url.replace(/^ws(s?):\/\//, 'http$1://');
}

export function wsUrlOf(url: string): string {
	return url.replace(/^http(s?):\/\//, 'ws$1://');
}

/** Mints a short-lived token for this person in this sitting's room, or refuses. */
export async function mintToken(
	db: Db,
	livekit: LiveKitConfig | null,
	user: { id: string; name: string },
	sittingId: string
): Promise<LiveKitTokenGrant> {
	if (!livekit) refuse('not-found', 'meeting.errors.videoOff');
	// No video in an adjourned sitting: its room is closed.
	const who = requireInSession(requireAccess(db, sittingId, user.id));
	const decision = decisionFor(db, who, user.id);
	if (!decision.ok)
		refuse(
			'forbidden',
			decision.reason === 'lobby' ? 'meeting.errors.lobby' : 'meeting.errors.recused'
		);
	const at = new AccessToken(livekit.apiKey, livekit.apiSecret, {
		identity: user.id,
		name: user.name,
		ttl: TOKEN_TTL_SECONDS,
		metadata: JSON.stringify({ role: who.role, kind: decision.kind })
	});
	at.addGrant(decision.grant);
	return { url: wsUrlOf(livekit.url), token: await at.toJwt(), ttlSeconds: TOKEN_TTL_SECONDS };
}

function decisionFor(db: Db, who: SittingAccess, userId: string): GrantDecision {
	const live = liveItemOf(db, who.sittingId);
	return decideGrant({
		sittingId: who.sittingId,
		role: who.role,
		voting: who.voting,
		userId,
		liveItem: live,
		recusedOnLive: !!live && isRecused(db, live.id, userId)
	});
}

/**
 * What a token asked for now would be granted, or why none would. A token lives its ten minutes
 * whatever happens in them (the producer's stage ends, a declared conflict, a removal from the
 * council, the sitting adjourned): the webhook judges every join by this, as minting does.
 */
export function grantNow(
	db: Db,
	sittingId: string,
	userId: string
): GrantDecision | { ok: false; reason: 'no-access' | 'not-in-session' } {
	const who = sittingAccess(db, sittingId, userId);
	if (!who) return { ok: false, reason: 'no-access' };
	if (!inSession(who.sittingState)) return { ok: false, reason: 'not-in-session' };
	return decisionFor(db, who, userId);
}

import { TrackSource, type VideoGrant } from 'livekit-server-sdk';
import { isLive, producerOnStage, type ItemState } from '../../domain/meeting';
import type { SittingRole } from '../../protocol/meeting-events';

/** Short on purpose: a token outlives nothing; the client asks again before it expires. */
export const TOKEN_TTL_SECONDS = 600;

export function roomName(sittingId: string): string {
	return `sitting-${sittingId}`;
}

export function sittingOfRoom(room: string | undefined): string | null {
	return room?.startsWith('sitting-') ? room.slice('sitting-'.length) : null;
}

export interface GrantInput {
	sittingId: string;
	role: SittingRole;
	voting: boolean;
	/** The live item of the sitting, if any. */
	liveItem: { id: string; state: ItemState; presenters: string[] } | null;
	userId: string;
	/** The person declared a conflict on the live item. */
	recusedOnLive: boolean;
}

export type GrantDecision =
	| { ok: true; grant: VideoGrant; kind: 'chair' | 'member' | 'observer' | 'presenter' }
	| { ok: false; reason: 'lobby' | 'recused' };

/**
 * Grants follow the role and the item's phase. Nobody may create, list or record rooms; only
 * the chair administers, and only this sitting's room. A non-voting secretary takes the
 * minutes: subscribe only, hidden. A producer gets no token at all outside their stage (they
 * wait in the lobby, outside LiveKit). A member recused from the live item stays out for it.
 */
export function decideGrant(input: GrantInput): GrantDecision {
	const room = roomName(input.sittingId);
	const base = { room, roomJoin: true, canSubscribe: true, canPublishData: false };
	const live = input.liveItem;
	if (input.role === 'producer') {
		const onStage = !!live && producerOnStage(live.state) && live.presenters.includes(input.userId);
		if (!onStage) return { ok: false, reason: 'lobby' };
		return {
			ok: true,
			kind: 'presenter',
			grant: {
				...base,
				canPublish: true,
				canPublishSources: [TrackSource.CAMERA, TrackSource.MICROPHONE, TrackSource.SCREEN_SHARE]
			}
		};
	}
	if (input.recusedOnLive && live && isLive(live.state)) return { ok: false, reason: 'recused' };
	if (input.role === 'secretary' && !input.voting) {
		return { ok: true, kind: 'observer', grant: { ...base, canPublish: false, hidden: true } };
	}
	const publish = {
		...base,
		canPublish: true,
		canPublishSources: [TrackSource.CAMERA, TrackSource.MICROPHONE]
	};
	if (input.role === 'chair')
		return { ok: true, kind: 'chair', grant: { ...publish, roomAdmin: true } };
	return { ok: true, kind: 'member', grant: publish };
}

import { RoomServiceClient, TrackType } from 'livekit-server-sdk';
import type { Config } from '../config';
import { roomName } from './grants';
import { httpUrlOf } from './tokens';

type LiveKitConfig = NonNullable<Config['livekit']>;

function client(livekit: LiveKitConfig): RoomServiceClient {
	return new RoomServiceClient(httpUrlOf(livekit.url), livekit.apiKey, livekit.apiSecret);
}

function isNotFound(e: unknown): boolean {
	const status = (e as { status?: number })?.status;
	const code = (e as { code?: string })?.code;
	return status === 404 || code === 'not_found';
}

/** Removes a person from the sitting's room. Absent already counts as done. */
export async function removeFromRoom(livekit: LiveKitConfig, sittingId: string, identity: string) {
	try {
		await client(livekit).removeParticipant(roomName(sittingId), identity);
		return true;
	} catch (e) {
		if (isNotFound(e)) return false;
		throw e;
	}
}

/**
 * As removeFromRoom, for a removal that follows something already done (a session ended, a join
 * refused): LiveKit being unreachable is logged, not thrown.
 */
export async function removeFromRoomOrWarn(
	livekit: LiveKitConfig,
	sittingId: string,
	identity: string
): Promise<void> {
	try {
		await removeFromRoom(livekit, sittingId, identity);
	} catch (e) {
		console.warn(`LiveKit: could not remove ${identity} from sitting ${sittingId}`, e);
	}
}

/**
 * Closes the sitting's video room: everyone in it is disconnected at once (LiveKit's own
 * "room_finished" follows). A room that does not exist counts as closed; LiveKit being
 * unreachable is logged: the sitting has ended whatever the video server does.
 */
export async function closeRoom(livekit: LiveKitConfig, sittingId: string): Promise<void> {
	try {
		await client(livekit).deleteRoom(roomName(sittingId));
	} catch (e) {
		if (!isNotFound(e))
			console.warn(`LiveKit: could not close the room of sitting ${sittingId}`, e);
	}
}

/** Mutes a person's published microphone and/or camera; returns how many tracks it muted. */
export async function muteInRoom(
	livekit: LiveKitConfig,
	sittingId: string,
	identity: string,
	kind: 'audio' | 'video' | 'all'
): Promise<number> {
	const rooms = client(livekit);
	const room = roomName(sittingId);
	let participant;
	try {
		participant = await rooms.getParticipant(room, identity);
	} catch (e) {
		if (isNotFound(e)) return 0;
		throw e;
	}
	const wanted = (t: TrackType) =>
		kind === 'all' || (kind === 'audio' ? t === TrackType.AUDIO : t === TrackType.VIDEO);
	let muted = 0;
	for (const track of participant.tracks) {
		if (!wanted(track.type) || track.muted) continue;
		await rooms.mutePublishedTrack(room, identity, track.sid, true);
		muted++;
	}
	return muted;
}

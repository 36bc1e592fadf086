import { WebhookReceiver } from 'livekit-server-sdk';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { clearVideoPresence, markPresence } from '../meeting/attendance';
import { sittingAccess } from '../meeting/access';
import { hasValidSession } from '../auth/session';
import { sittingOfRoom } from './grants';
import { removeFromRoomOrWarn } from './room-service';

type LiveKitConfig = NonNullable<Config['livekit']>;

export type WebhookOutcome =
	{ status: 200; sittingId: string | null } | { status: 401 | 400; sittingId: null };

/**
 * Verifies a LiveKit webhook over the raw body (the signed token carries the body's SHA-256)
 * and updates attendance. Anything that does not verify changes nothing.
 */
export async function handleLiveKitWebhook(
	db: Db,
	livekit: LiveKitConfig | null,
	rawBody: string,
	authorization: string | undefined,
	now: number
): Promise<WebhookOutcome> {
	if (!livekit || !authorization) return { status: 401, sittingId: null };
	let event;
	try {
		event = await new WebhookReceiver(livekit.apiKey, livekit.apiSecret).receive(
			rawBody,
			authorization
		);
	} catch {
		return { status: 401, sittingId: null };
	}
	const sittingId = sittingOfRoom(event.room?.name);
	if (!sittingId) return { status: 200, sittingId: null };
	const identity = event.participant?.identity;
	if (event.event === 'room_finished') {
		clearVideoPresence(db, sittingId, now);
		return { status: 200, sittingId };
	}
	if (!identity || !sittingAccess(db, sittingId, identity)) return { status: 200, sittingId: null };
	if (event.event === 'participant_joined') {
		// A token minted before its session ended (sign-out, a password change) is still good for
		// its ten minutes: a join with it is undone, and counts for no attendance.
		if (!hasValidSession(db, identity, now)) {
			await removeFromRoomOrWarn(livekit, sittingId, identity);
			return { status: 200, sittingId: null };
		}
		markPresence(db, sittingId, identity, 'video', 'arrived', now);
	} else if (event.event === 'participant_left')
		markPresence(db, sittingId, identity, 'video', 'left', now);
	else return { status: 200, sittingId: null };
	return { status: 200, sittingId };
}

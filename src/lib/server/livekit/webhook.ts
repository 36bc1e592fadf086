import { WebhookReceiver, type WebhookEvent } from 'livekit-server-sdk';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { clearVideoPresence, markPresence } from '../meeting/attendance';
import { sittingAccess } from '../meeting/access';
import { hasValidSession } from '../auth/session';
import { sittingOfRoom } from './grants';
import { grantNow } from './tokens';
import { removeFromRoomOrWarn } from './room-service';

type LiveKitConfig = NonNullable<Config['livekit']>;

export type WebhookOutcome =
	{ status: 200; sittingId: string | null } | { status: 401 | 400; sittingId: null };

/** How long an event is remembered, and how old one may be when it arrives. */
export const WEBHOOK_EVENT_TTL_MS = 10 * 60_000;
const MAX_REMEMBERED = 20_000;

/**
 * The events already applied, by LiveKit's event id: a signed event posted again (captured on
 * the way, or replayed by anyone who saw it) is applied once. An event older than the TTL is
 * not applied at all: a replayed "joined" would otherwise count someone present who has left.
 * LiveKit retries a failed delivery within seconds, with the same id: only an event that was
 * applied is remembered, so the retry of one that failed is applied.
 */
export class WebhookEvents {
	private readonly seen = new Map<string, number>();

	isNew(id: string | undefined, createdAtSeconds: bigint | number | undefined, now: number) {
		this.forgetBefore(now - WEBHOOK_EVENT_TTL_MS);
		const created = Number(createdAtSeconds ?? 0) * 1000;
		if (created > 0 && created < now - WEBHOOK_EVENT_TTL_MS) return false;
		return !id || !this.seen.has(id);
	}

	applied(id: string | undefined, now: number): void {
		if (!id) return;
		this.seen.set(id, now);
		// A flood of distinct ids (each signed: only someone holding the key) stays bounded.
		if (this.seen.size > MAX_REMEMBERED) this.seen.delete(this.seen.keys().next().value!);
	}

	private forgetBefore(cutoff: number): void {
		for (const [id, at] of this.seen) {
			if (at >= cutoff) break; // in insertion order: the rest are newer
			this.seen.delete(id);
		}
	}
}

/**
 * Verifies a LiveKit webhook over the raw body (the signed token carries the body's SHA-256)
 * and updates attendance. Anything that does not verify changes nothing.
 */
export async function handleLiveKitWebhook(
	db: Db,
	livekit: LiveKitConfig | null,
	rawBody: string,
	authorization: string | undefined,
	now: number,
	events: WebhookEvents = new WebhookEvents()
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
	// Answered 200 (it verified): LiveKit must not retry what was deliberately not applied.
	if (!events.isNew(event.id, event.createdAt, now)) return { status: 200, sittingId: null };
	const outcome = await applyEvent(db, livekit, event, now);
	events.applied(event.id, now);
	return outcome;
}

async function applyEvent(
	db: Db,
	livekit: LiveKitConfig,
	event: WebhookEvent,
	now: number
): Promise<WebhookOutcome> {
	const sittingId = sittingOfRoom(event.room?.name);
	if (!sittingId) return { status: 200, sittingId: null };
	const identity = event.participant?.identity;
	if (event.event === 'room_finished') {
		clearVideoPresence(db, sittingId, now);
		return { status: 200, sittingId };
	}
	if (!identity) return { status: 200, sittingId: null };
	if (event.event === 'participant_joined') {
		// A token is good for its ten minutes whatever happens in them: its session ends (sign-out,
		// a password change), the producer's stage ends, a conflict is declared on the live item,
		// the person leaves the council. A join it no longer justifies is undone, and counts for no
		// attendance.
		if (!mayJoinNow(db, sittingId, identity, event.participant?.metadata, now)) {
			await removeFromRoomOrWarn(livekit, sittingId, identity);
			return { status: 200, sittingId: null };
		}
		markPresence(db, sittingId, identity, 'video', 'arrived', now);
		return { status: 200, sittingId };
	}
	if (!sittingAccess(db, sittingId, identity)) return { status: 200, sittingId: null };
	if (event.event === 'participant_left')
		markPresence(db, sittingId, identity, 'video', 'left', now);
	else return { status: 200, sittingId: null };
	return { status: 200, sittingId };
}

/**
 * Whether a token asked for now would let this person in, with the same grant as the one they
 * joined with (its metadata names the kind minted: a chair replaced since keeps no roomAdmin).
 */
function mayJoinNow(
	db: Db,
	sittingId: string,
	identity: string,
	metadata: string | undefined,
	now: number
): boolean {
	if (!hasValidSession(db, identity, now)) return false;
	const decision = grantNow(db, sittingId, identity);
	if (!decision.ok) return false;
	const minted = kindOf(metadata);
	return minted === null || minted === decision.kind;
}

/** The kind a token was minted for (tokens.ts writes it into the metadata); null if none. */
function kindOf(metadata: string | undefined): string | null {
	if (!metadata) return null;
	try {
		const kind = (JSON.parse(metadata) as { kind?: unknown } | null)?.kind;
		return typeof kind === 'string' ? kind : null;
	} catch {
		return null;
	}
}

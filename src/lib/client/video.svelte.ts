// The video room, loaded only when the person opens the video area: livekit-client is imported
// dynamically, so every other page (and the sitting until then) stays light.
import type { Participant, RemoteTrackPublication, Room, Track as LkTrack } from 'livekit-client';
import type { LiveKitTokenGrant } from '$lib/protocol/meeting-events';
import {
	decide,
	initialLink,
	nextCheck,
	observe,
	type LinkQuality,
	type LinkState
} from './link-quality';
import { screenShareSupported, shareFailureKey } from './screen-share';

export interface Tile {
	identity: string;
	name: string;
	local: boolean;
	camera: LkTrack | null;
	screen: LkTrack | null;
	micOn: boolean;
	speaking: boolean;
	/** LiveKit's measure of this participant's connection. */
	quality: LinkQuality;
	/** Switched to sound only because that connection stayed weak. */
	weak: boolean;
}

export type VideoStatus = 'idle' | 'connecting' | 'connected' | 'failed' | 'left';

export interface JoinOptions {
	cameraId?: string;
	micId?: string;
	audioOnly: boolean;
	canShare: boolean;
}

export class VideoSession {
	status = $state<VideoStatus>('idle');
	tiles = $state.raw<Tile[]>([]);
	micOn = $state(false);
	cameraOn = $state(false);
	sharing = $state(false);
	canPublish = $state(false);
	canShare = $state(false);
	/** The token allows a share but this browser has none (a phone): said instead of a button. */
	shareUnsupported = $state(false);
	/** Why the last share did not start (an i18n key), or null (none, or the person cancelled). */
	shareError = $state<string | null>(null);
	audioOnly = $state(false);
	/** The last remote participant heard speaking: the stage falls back to them. */
	lastSpeaker = $state<string | null>(null);
	/** This device's own connection stayed weak: sound only until it recovers. */
	autoAudioOnly = $state(false);
	room: Room | null = null;
	// Plain maps on purpose: refresh() copies what the page shows into `tiles`.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	private links = new Map<string, LinkState>();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	private linkTimers = new Map<string, ReturnType<typeof setTimeout>>();
	private cameraBeforeWeak = false;
	private audioBox: HTMLElement | null = null;

	async join(grant: LiveKitTokenGrant, options: JoinOptions): Promise<void> {
		this.status = 'connecting';
		this.audioOnly = options.audioOnly;
		try {
			const lk = await import('livekit-client');
			// adaptiveStream: a tile not on screen (another page of the strip) receives no video;
			// dynacast: a camera nobody watches in high quality stops sending that layer.
			const room = new lk.Room({ adaptiveStream: true, dynacast: true });
			this.room = room;
			const refresh = () => this.refresh();
			room
				.on(lk.RoomEvent.ParticipantConnected, refresh)
				.on(lk.RoomEvent.ParticipantDisconnected, refresh)
				.on(lk.RoomEvent.TrackSubscribed, (track) => {
					if (track.kind === lk.Track.Kind.Audio) this.playAudio(track);
					refresh();
				})
				.on(lk.RoomEvent.TrackUnsubscribed, (track) => {
					track.detach().forEach((el) => el.remove());
					refresh();
				})
				.on(lk.RoomEvent.TrackPublished, (pub: RemoteTrackPublication, p: Participant) => {
					if (this.noVideoFrom(p.identity) && pub.kind === lk.Track.Kind.Video)
						pub.setSubscribed(false);
				})
				.on(lk.RoomEvent.ConnectionQualityChanged, (q: string, p: Participant) => {
					const before = this.links.get(p.identity) ?? initialLink(Date.now());
					this.takeLink(p.identity, observe(before, q as LinkQuality, Date.now()));
				})
				.on(lk.RoomEvent.TrackMuted, refresh)
				.on(lk.RoomEvent.TrackUnmuted, refresh)
				.on(lk.RoomEvent.LocalTrackPublished, refresh)
				.on(lk.RoomEvent.LocalTrackUnpublished, refresh)
				.on(lk.RoomEvent.ActiveSpeakersChanged, (speakers: Participant[]) => {
					const remote = speakers.find((p) => p !== room.localParticipant);
					if (remote) this.lastSpeaker = remote.identity;
					refresh();
				})
				.on(lk.RoomEvent.ParticipantPermissionsChanged, refresh)
				.on(lk.RoomEvent.Disconnected, () => {
					if (this.room === room) this.cleanup('left');
				});
			await room.connect(grant.url, grant.token);
			const perms = room.localParticipant.permissions;
			this.canPublish = !!perms?.canPublish;
			// Only a presenter's token allows the screen (the server decides; this only hides a
			// button the server would refuse anyway).
			const mayShare = this.canPublish && options.canShare;
			this.canShare = mayShare && screenShareSupported();
			this.shareUnsupported = mayShare && !this.canShare;
			if (this.canPublish) {
				await room.localParticipant
					.setMicrophoneEnabled(true, options.micId ? { deviceId: options.micId } : undefined)
					.catch(() => undefined);
				if (!options.audioOnly)
					await room.localParticipant
						.setCameraEnabled(true, options.cameraId ? { deviceId: options.cameraId } : undefined)
						.catch(() => undefined);
			}
			this.status = 'connected';
			this.refresh();
		} catch (e) {
			console.warn('video: could not connect', e);
			await this.room?.disconnect();
			this.cleanup('failed');
		}
	}

	private playAudio(track: LkTrack) {
		if (!this.audioBox) {
			this.audioBox = document.createElement('div');
			this.audioBox.hidden = true;
			document.body.append(this.audioBox);
		}
		this.audioBox.append(track.attach());
	}

	/** Video from this participant is not received: one's own choice, one's weak link, or theirs. */
	private noVideoFrom(identity: string): boolean {
		return this.audioOnly || this.autoAudioOnly || !!this.links.get(identity)?.audioOnly;
	}

	private syncSubscriptions() {
		for (const p of this.room?.remoteParticipants.values() ?? [])
			for (const pub of p.videoTrackPublications.values())
				pub.setSubscribed(!this.noVideoFrom(p.identity));
	}

	/** A new link state; a switch takes effect at once, and a timer waits for the next one. */
	private takeLink(identity: string, next: LinkState) {
		const room = this.room;
		if (!room) return;
		const was = this.links.get(identity)?.audioOnly ?? false;
		this.links.set(identity, next);
		clearTimeout(this.linkTimers.get(identity));
		const wait = nextCheck(next, Date.now());
		if (wait !== null)
			this.linkTimers.set(
				identity,
				setTimeout(() => {
					const now = this.links.get(identity);
					if (now) this.takeLink(identity, decide(now, Date.now()));
				}, wait + 50)
			);
		if (next.audioOnly !== was) {
			if (identity === room.localParticipant.identity) void this.weakSelf(next.audioOnly);
			else this.syncSubscriptions();
		}
		this.refresh();
	}

	/** One's own link: no video either way while it is weak; the camera comes back after. */
	private async weakSelf(weak: boolean) {
		const local = this.room?.localParticipant;
		this.autoAudioOnly = weak;
		this.syncSubscriptions();
		if (weak && this.cameraOn) {
			this.cameraBeforeWeak = true;
			await local?.setCameraEnabled(false).catch(() => undefined);
		} else if (!weak && this.cameraBeforeWeak && !this.audioOnly) {
			this.cameraBeforeWeak = false;
			await local?.setCameraEnabled(true).catch(() => undefined);
		}
		this.refresh();
	}

	private refresh() {
		const room = this.room;
		if (!room) return;
		const all: Participant[] = [room.localParticipant, ...room.remoteParticipants.values()];
		const visible = (p: Participant, source: LkTrack.Source) => {
			const pub = p.getTrackPublication(source);
			return pub?.track && !pub.isMuted ? pub.track : null;
		};
		this.tiles = all.map((p) => ({
			identity: p.identity,
			name: p.name || p.identity,
			local: p === room.localParticipant,
			camera: visible(p, 'camera' as LkTrack.Source),
			screen: visible(p, 'screen_share' as LkTrack.Source),
			micOn: p.isMicrophoneEnabled,
			speaking: p.isSpeaking,
			quality: p.connectionQuality as LinkQuality,
			weak: !!this.links.get(p.identity)?.audioOnly
		}));
		this.micOn = room.localParticipant.isMicrophoneEnabled;
		this.cameraOn = room.localParticipant.isCameraEnabled;
		this.sharing = room.localParticipant.isScreenShareEnabled;
	}

	async toggleMic() {
		await this.room?.localParticipant.setMicrophoneEnabled(!this.micOn);
		this.refresh();
	}

	async toggleCamera() {
		await this.room?.localParticipant.setCameraEnabled(!this.cameraOn);
		this.refresh();
	}

	async toggleShare() {
		this.shareError = null;
		try {
			await this.room?.localParticipant.setScreenShareEnabled(!this.sharing);
		} catch (e) {
			console.warn('video: screen share refused', e);
			this.shareError = shareFailureKey(e);
		}
		this.refresh();
	}

	/** Weak connection: stop receiving and sending video, keep the sound. */
	async setAudioOnly(on: boolean) {
		this.audioOnly = on;
		const room = this.room;
		if (!room) return;
		this.syncSubscriptions();
		if (on && this.cameraOn) await room.localParticipant.setCameraEnabled(false);
		this.refresh();
	}

	async leave() {
		const room = this.room;
		this.cleanup('left');
		await room?.disconnect();
	}

	private cleanup(status: VideoStatus) {
		this.room = null;
		for (const t of this.linkTimers.values()) clearTimeout(t);
		this.linkTimers.clear();
		this.links.clear();
		this.autoAudioOnly = false;
		this.tiles = [];
		this.audioBox?.remove();
		this.audioBox = null;
		this.status = status;
	}
}

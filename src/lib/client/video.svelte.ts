// The video room, loaded only when the person opens the video area: livekit-client is imported
// dynamically, so every other page (and the sitting until then) stays light.
import type { Participant, RemoteTrackPublication, Room, Track as LkTrack } from 'livekit-client';
import type { LiveKitTokenGrant } from '$lib/protocol/meeting-events';

export interface Tile {
	identity: string;
	name: string;
	local: boolean;
	camera: LkTrack | null;
	screen: LkTrack | null;
	micOn: boolean;
	speaking: boolean;
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
	audioOnly = $state(false);
	/** The last remote participant heard speaking: the stage falls back to them. */
	lastSpeaker = $state<string | null>(null);
	room: Room | null = null;
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
				.on(lk.RoomEvent.TrackPublished, (pub: RemoteTrackPublication) => {
					if (this.audioOnly && pub.kind === lk.Track.Kind.Video) pub.setSubscribed(false);
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
			this.canShare = this.canPublish && options.canShare;
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
			speaking: p.isSpeaking
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
		try {
			await this.room?.localParticipant.setScreenShareEnabled(!this.sharing);
		} catch (e) {
			console.warn('video: screen share refused', e);
		}
		this.refresh();
	}

	/** Weak connection: stop receiving and sending video, keep the sound. */
	async setAudioOnly(on: boolean) {
		this.audioOnly = on;
		const room = this.room;
		if (!room) return;
		for (const p of room.remoteParticipants.values())
			for (const pub of p.videoTrackPublications.values()) pub.setSubscribed(!on);
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
		this.tiles = [];
		this.audioBox?.remove();
		this.audioBox = null;
		this.status = status;
	}
}

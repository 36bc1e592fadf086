// Meeting control over socket.io as reactive state. socket.io reconnects by itself; on every
// (re)connection the client joins the sitting again and takes the server's full state, so a
// dropped network or a restarted server never needs a page reload.
import type { ItemState } from '$lib/domain/meeting';
import type { SittingSnapshot, StagePin } from '$lib/protocol/meeting-events';
import type { ClientToServerEvents } from '$lib/protocol/socket';
import {
	COMMAND_TIMEOUT_MS,
	appSocket,
	type AppCommandSocket,
	type CommandData,
	type CommandPayload,
	type CommandResult
} from './socket-commands';

type Commands = ClientToServerEvents;
export type LeaveReason = 'phase' | 'conflict' | 'removed' | 'seat' | 'ended';

export class MeetingLive {
	/** The sitting as the page came with it (the server's render), then as the socket keeps it. */
	state: SittingSnapshot;
	connected = $state(false);
	/** Connected at least once: until then the page is connecting, not reconnecting. */
	wasConnected = $state(false);
	error = $state<string | null>(null);
	/** The socket's script could not be loaded (the network dropped): only a reload helps. */
	unavailable = $state(false);
	speaking = $state<string | null>(null);
	/** Difference between the server's clock and ours, for the timer. */
	clockOffset = $state(0);
	private readonly socket: AppCommandSocket;
	private leaveListeners: ((reason: LeaveReason) => void)[] = [];
	/** Until the first join's answer: commands wait for it (see `call`); null after it. */
	private untilJoined: Promise<void> | null;
	private joinAnswered = () => {};

	/** `initial`: the snapshot the page came with, drawn until the socket's join brings the live one. */
	constructor(
		readonly sittingId: string,
		initial: SittingSnapshot
	) {
		this.state = $state(initial);
		this.clockOffset = initial.serverNow - Date.now();
		this.untilJoined = new Promise<void>(
			(resolve) =>
				(this.joinAnswered = () => {
					this.untilJoined = null;
					resolve();
				})
		);
		this.socket = appSocket();
		this.socket.onUnavailable(() => (this.unavailable = true));
		this.socket.onConnection((up) => {
			this.connected = up;
			if (!up) return;
			this.wasConnected = true;
			void this.join();
		});
		this.socket.on('sitting:state', (s) => this.take(s));
		this.socket.on('item:state', (e) => {
			if (e.sittingId !== sittingId) return;
			const agenda = this.state.agenda.map((a) =>
				a.id === e.itemId ? { ...a, state: e.state, scoringRound: e.scoringRound } : a
			);
			const live = agenda.find((a) => ['presenting', 'questions', 'scoring'].includes(a.state));
			this.state = { ...this.state, agenda, currentItemId: live?.id ?? null };
			// The floor belongs to the discussion: scoring (or the item's end) takes it back.
			if (e.state !== 'presenting' && e.state !== 'questions') this.speaking = null;
		});
		this.socket.on('sitting:attendance', (e) => {
			if (e.sittingId === sittingId)
				this.state = { ...this.state, attendance: e.attendance, quorum: e.quorum };
		});
		this.socket.on('sitting:hands', (e) => {
			if (e.sittingId !== sittingId) return;
			this.state = { ...this.state, hands: e.hands };
			if (e.speaking) this.speaking = e.speaking;
		});
		this.socket.on('sitting:chat', (e) => {
			if (e.sittingId === sittingId)
				this.state = { ...this.state, chat: [...this.state.chat, e.message].slice(-200) };
		});
		this.socket.on('sitting:timer', (e) => {
			if (e.sittingId !== sittingId) return;
			this.clockOffset = e.serverNow - Date.now();
			this.state = { ...this.state, timer: e.timer };
		});
		this.socket.on('sitting:viewer', (e) => {
			if (e.sittingId === sittingId) this.state = { ...this.state, viewer: e.viewer };
		});
		this.socket.on('sitting:stage', (e) => {
			if (e.sittingId === sittingId) this.state = { ...this.state, stagePin: e.pin };
		});
		// The chair ended the sitting: the video room closes (the server closes it too), and the
		// state with the deferred items follows as 'sitting:state'.
		this.socket.on('sitting:ended', (e) => {
			if (e.sittingId !== sittingId) return;
			this.state = { ...this.state, endedAt: e.at, hands: [] };
			this.speaking = null;
			for (const l of this.leaveListeners) l('ended');
		});
		this.socket.on('av:leave', (e) => {
			if (e.sittingId === sittingId) for (const l of this.leaveListeners) l(e.reason);
		});
	}

	private take(s: SittingSnapshot) {
		if (s.sittingId !== this.sittingId) return;
		this.clockOffset = s.serverNow - Date.now();
		this.state = s;
	}

	async join(): Promise<void> {
		const ack = await this.socket.send('sitting:join', { sittingId: this.sittingId });
		this.error = ack.ok ? null : ack.error.message;
		if (ack.ok) this.take(ack.data);
		this.joinAnswered();
	}

	onLeave(listener: (reason: LeaveReason) => void): () => void {
		this.leaveListeners.push(listener);
		return () => (this.leaveListeners = this.leaveListeners.filter((l) => l !== listener));
	}

	move(itemId: string, to: ItemState) {
		return this.call('item:move', { itemId, to });
	}
	async raiseHand() {
		return this.resyncOnRefusal(await this.call('hand:raise', { sittingId: this.sittingId }));
	}
	lowerHand(userId?: string) {
		return this.call('hand:lower', { sittingId: this.sittingId, userId });
	}
	nextHand() {
		return this.call('hand:next', { sittingId: this.sittingId });
	}
	async sendChat(text: string) {
		const ack = await this.call('chat:send', { sittingId: this.sittingId, text });
		return this.resyncOnRefusal(ack);
	}
	turnPage(itemId: string, fileId: string | null, page: number) {
		return this.call('viewer:page', { itemId, fileId, page });
	}
	timer(action: 'start' | 'pause' | 'reset') {
		return this.call('timer', { sittingId: this.sittingId, action });
	}
	token() {
		return this.call('livekit:token', { sittingId: this.sittingId });
	}
	mute(userId: string) {
		return this.call('av:mute', { sittingId: this.sittingId, userId });
	}
	/** The chair's pin for everyone (null takes it off); the server refuses anyone else. */
	async pinForAll(userId: string | null, kind: StagePin['kind'] = 'camera') {
		const ack = await this.call('stage:pin', {
			sittingId: this.sittingId,
			userId,
			kind
		});
		if (ack.ok) this.state = { ...this.state, stagePin: ack.data };
		return ack;
	}
	/** The chair ends the sitting (the server refuses while an item is live). */
	adjourn() {
		return this.call('sitting:adjourn', { sittingId: this.sittingId });
	}
	remove(userId: string) {
		return this.call('av:remove', { sittingId: this.sittingId, userId });
	}
	async declareConflict(itemId: string, reason: string) {
		const ack = await this.call('conflict:declare', { itemId, reason });
		// The server now refuses this person's chat and hand on the item: the page says so at once.
		if (ack.ok && !this.state.me.recusedFrom.includes(itemId)) {
			const me = { ...this.state.me, recusedFrom: [...this.state.me.recusedFrom, itemId] };
			this.state = { ...this.state, me };
		}
		return ack;
	}

	/**
	 * A conflict recorded elsewhere (the office page, another tab) comes as a new state; should
	 * this page have missed it, a refusal is the sign, so the state is taken again (the refusal's
	 * message stays shown).
	 */
	private resyncOnRefusal<T>(ack: CommandResult<T>): CommandResult<T> {
		if (!ack.ok && ack.failure === 'refused' && ack.error.code === 'forbidden')
			void this.socket
				.send('sitting:join', { sittingId: this.sittingId })
				.then((again) => again.ok && this.take(again.data));
		return ack;
	}

	/** Every command is acknowledged; a refusal's message is kept for the page to show. */
	async call<K extends keyof Commands & string>(
		event: K,
		payload: CommandPayload<Commands, K>
	): Promise<CommandResult<CommandData<Commands, K>>> {
		// The page is drawn (and its buttons work) before the socket has joined: a command pressed
		// then goes after the join, not ahead of it (socket.io sends what it buffered first). Not
		// forever: a socket that does not come lets the command time out and say so.
		if (this.untilJoined) {
			let timer: ReturnType<typeof setTimeout> | undefined;
			await Promise.race([
				this.untilJoined,
				new Promise((resolve) => (timer = setTimeout(resolve, COMMAND_TIMEOUT_MS)))
			]);
			clearTimeout(timer);
		}
		const ack = await this.socket.send(event, payload);
		this.error = ack.ok ? null : ack.error.message;
		return ack;
	}

	close(): void {
		this.socket.close();
	}
}

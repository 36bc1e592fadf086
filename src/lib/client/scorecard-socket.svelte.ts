// The scoring commands over socket.io, as reactive state: the member's status (how many have
// submitted), the chair's board, the locked result and the member's receipt.
import type {
	Board,
	CountedCard,
	LockedSummary,
	ScoringStatus
} from '$lib/protocol/scoring-events';
import type { ClientToServerEvents } from '$lib/protocol/socket';
import {
	appSocket,
	type AppCommandSocket,
	type CommandData,
	type CommandPayload,
	type CommandResult
} from './socket-commands';

type Commands = ClientToServerEvents;

export class ScoringLive {
	status = $state<ScoringStatus | null>(null);
	board = $state<Board | null>(null);
	locked = $state<LockedSummary | null>(null);
	receipt = $state<string | null>(null);
	/** The member's card in the locked record: what was counted. */
	counted = $state<CountedCard | null>(null);
	connected = $state(false);
	/** The socket has connected or failed to, at least once: until then it is connecting, not offline. */
	known = $state(false);
	error = $state<string | null>(null);
	/** The socket's script could not be loaded (the network dropped): only a reload helps. */
	unavailable = $state(false);
	private readonly socket: AppCommandSocket;

	constructor(
		readonly itemId: string,
		private readonly onState?: (state: string, round: number) => void
	) {
		this.socket = appSocket();
		this.socket.onUnavailable(() => (this.unavailable = true));
		this.socket.onConnection((up) => {
			this.connected = up;
			this.known = true;
			if (up) void this.watch();
		});
		this.socket.on('board:update', (board) => {
			if (board.itemId === itemId) this.board = board;
		});
		this.socket.on('scoring:progress', (p) => {
			if (p.itemId === itemId && this.status) this.status = { ...this.status, ...p };
		});
		this.socket.on('result:locked', (summary) => {
			if (summary.itemId === itemId) this.locked = summary;
		});
		this.socket.on('scoring:receipt', (r) => {
			if (r.itemId !== itemId) return;
			this.receipt = r.receipt;
			this.counted = r.counted;
		});
		this.socket.on('item:state', (e) => {
			if (e.itemId !== itemId) return;
			if (this.status) this.status = { ...this.status, state: e.state, round: e.scoringRound };
			this.onState?.(e.state, e.scoringRound);
			if (e.state !== 'closed') void this.watch();
		});
	}

	async watch(): Promise<void> {
		const ack = await this.call('scoring:watch', { itemId: this.itemId });
		if (!ack.ok) return;
		this.status = ack.data.status;
		this.board = ack.data.board;
		this.locked = ack.data.locked;
		this.receipt = ack.data.receipt;
		this.counted = ack.data.counted;
	}

	/** The server records the card it holds for this member (their Yjs document). */
	submit() {
		return this.call('score:submit', { itemId: this.itemId });
	}

	close(reason?: string) {
		const override = reason ? { reason } : null;
		return this.call('item:close', { itemId: this.itemId, override });
	}

	rescore() {
		return this.call('item:rescore', { itemId: this.itemId });
	}

	destroy(): void {
		this.socket.close();
	}

	/** A refusal's message is kept for the page; a timeout leaves the last one standing. */
	private async call<K extends keyof Commands & string>(
		event: K,
		payload: CommandPayload<Commands, K>
	): Promise<CommandResult<CommandData<Commands, K>>> {
		const ack = await this.socket.send(event, payload);
		if (ack.ok) this.error = null;
		else if (ack.failure === 'refused') this.error = ack.error.message;
		return ack;
	}
}

// The scoring commands over socket.io, as reactive state: the member's status (how many have
// submitted), the chair's board, the locked result and the member's receipt.
import { io, type Socket } from 'socket.io-client';
import type { Board, LockedSummary, ScoringStatus, WatchData } from '$lib/protocol/scoring-events';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '$lib/protocol/socket';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

export class ScoringLive {
	status = $state<ScoringStatus | null>(null);
	board = $state<Board | null>(null);
	locked = $state<LockedSummary | null>(null);
	receipt = $state<string | null>(null);
	connected = $state(false);
	error = $state<string | null>(null);
	private readonly socket: Client;

	constructor(
		readonly itemId: string,
		private readonly onState?: (state: string, round: number) => void
	) {
		this.socket = io({ path: '/socket.io/', transports: ['websocket'] });
		this.socket.on('connect', () => {
			this.connected = true;
			void this.watch();
		});
		this.socket.on('disconnect', () => (this.connected = false));
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
			if (r.itemId === itemId) this.receipt = r.receipt;
		});
		this.socket.on('item:state', (e) => {
			if (e.itemId !== itemId) return;
			if (this.status) this.status = { ...this.status, state: e.state, round: e.scoringRound };
			this.onState?.(e.state, e.scoringRound);
			if (e.state !== 'closed') void this.watch();
		});
	}

	async watch(): Promise<void> {
		const ack = await this.call<WatchData>('scoring:watch', { itemId: this.itemId });
		if (!ack.ok) return;
		this.status = ack.data.status;
		this.board = ack.data.board;
		this.locked = ack.data.locked;
		this.receipt = ack.data.receipt;
	}

	/** The server records the card it holds for this member (their Yjs document). */
	submit() {
		return this.call<{ round: number; submittedAt: number; receipt: string }>('score:submit', {
			itemId: this.itemId
		});
	}

	close(reason?: string) {
		const override = reason ? { reason } : null;
		return this.call<LockedSummary>('item:close', { itemId: this.itemId, override });
	}

	rescore() {
		return this.call<{ round: number }>('item:rescore', { itemId: this.itemId });
	}

	destroy(): void {
		this.socket.close();
	}

	private async call<T>(event: keyof ClientToServerEvents, payload: unknown): Promise<Ack<T>> {
		try {
			const timed = this.socket.timeout(10_000) as unknown as {
				emitWithAck(e: string, p: unknown): Promise<Ack<T>>;
			};
			const ack = await timed.emitWithAck(event, payload);
			this.error = ack.ok ? null : ack.error.message;
			return ack;
		} catch {
			return { ok: false, error: { code: 'internal', message: 'timeout' } };
		}
	}
}

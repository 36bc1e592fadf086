// The crash test's council at work: members tick their draft cards over Yjs and submit them over
// socket.io, the chair moves items into scoring and closes them. Every client reconnects by
// itself after a restart (as a browser does) and rejoins the sitting; every command and every
// "saved" frame is written to the ledger.
import * as decoding from 'lib0/decoding';
import { io as connectIo, type Socket } from 'socket.io-client';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { ItemState } from '../../src/lib/domain/meeting';
import { listLeaves, optionCount } from '../../src/lib/domain/rubric';
import type { SittingSnapshot } from '../../src/lib/protocol/meeting-events';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/protocol/socket';
import { CARD_CHOICES, MESSAGE_SAVED, cardDocName } from '../../src/lib/protocol/yjs-docs';
import { rubric, type Person } from '../integration/scoring-fixture';
import { provider } from '../integration/yjs-helpers';
import { SCORERS, type CrashWorld } from './crash-world';
import { pause, type Control, type Ledger, type SentCommand } from './crash-ledger';
import type { Random } from './prng';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
type Ack = { ok: true; data?: unknown } | { ok: false; error: { code: string } };

const LEAVES = listLeaves(rubric()).map(({ leaf }) => ({ code: leaf.code, n: optionCount(leaf) }));
const OVERRIDE = { reason: 'Hội đồng thống nhất giữ nguyên điểm của các thành viên' };

/** Whether the server's state vector holds every change of `local`. */
export function covers(server: Map<number, number> | undefined, local: Map<number, number>) {
	for (const [client, clock] of local) if ((server?.get(client) ?? 0) < clock) return false;
	return true;
}

export abstract class Participant {
	readonly socket: Client;
	readonly states = new Map<string, ItemState>();
	snapshot: SittingSnapshot | null = null;
	joinedEpoch = -1;

	constructor(
		protected readonly w: CrashWorld,
		readonly who: Person,
		protected readonly url: string,
		protected readonly ctl: Control,
		protected readonly ledger: Ledger,
		protected readonly rng: Random
	) {
		this.socket = connectIo(url, {
			path: '/socket.io/',
			transports: ['websocket'],
			extraHeaders: { origin: url, cookie: w.cookies[who] },
			reconnectionDelay: 100,
			reconnectionDelayMax: 300,
			randomizationFactor: 0
		});
		this.socket.on('connect', () => void this.join());
		this.socket.on('disconnect', () => ctl.notify());
		this.socket.on('item:state', (e) => {
			this.states.set(e.itemId, e.state);
			ctl.notify();
		});
	}

	get userId(): string {
		return this.w.ids[this.who];
	}

	get ready(): boolean {
		return this.ctl.running && this.socket.connected && this.joinedEpoch === this.ctl.epoch;
	}

	/** False once the test stops the workload. */
	async untilReady(): Promise<boolean> {
		while (!this.ctl.stopped && !this.ready) await this.ctl.wait();
		return !this.ctl.stopped;
	}

	/** The workload loop; ends once the test stops it. */
	abstract run(): Promise<void>;

	close(): void {
		this.socket.close();
	}

	/** Sends one command, records it, and settles its outcome when the answer (or the end) comes. */
	protected async send(entry: SentCommand, event: string, payload: unknown): Promise<Ack | null> {
		this.ledger.record(entry);
		// One untyped path for the three commands; their payloads are typed where they are built.
		const timed = this.socket.timeout(10_000) as unknown as {
			emitWithAck(event: string, payload: unknown): Promise<Ack>;
		};
		const answer = timed.emitWithAck(event, payload);
		this.ledger.onSend?.(entry);
		try {
			const ack = await answer;
			if (ack.ok) Object.assign(entry, { outcome: 'acked', data: ack.data });
			else Object.assign(entry, { outcome: 'refused', code: ack.error.code });
			return ack;
		} catch {
			entry.outcome = 'lost';
			return null;
		} finally {
			this.ctl.notify();
		}
	}

	private async join(): Promise<void> {
		const epoch = this.ctl.epoch;
		try {
			const ack = await this.socket
				.timeout(10_000)
				.emitWithAck('sitting:join', { sittingId: this.w.sittingId });
			if (!ack.ok) this.ledger.problems.push(`${this.who}: join refused ${ack.error.code}`);
			else {
				this.snapshot = ack.data;
				for (const a of ack.data.agenda) this.states.set(a.id, a.state);
				this.joinedEpoch = epoch;
			}
		} catch {
			/* the server went away during the join: the next connect joins again */
		}
		this.ctl.notify();
	}
}

interface Card {
	name: string;
	provider: WebsocketProvider;
	doc: Y.Doc;
}

export class Member extends Participant {
	readonly cards = new Map<string, Card>();
	private readonly plans = new Map<string, number>();
	private readonly ticker = setInterval(() => this.tick(), 30);

	scoringItem(): string | null {
		return this.w.items.find((id) => this.states.get(id) === 'scoring') ?? null;
	}

	/** Keeps a card open for the item in scoring only: other cards are read-only for the owner. */
	syncCards(): void {
		const item = this.scoringItem();
		for (const [id, c] of this.cards)
			if (id !== item) {
				c.provider.destroy();
				this.cards.delete(id);
			}
		if (item && !this.cards.has(item)) this.openCard(item);
	}

	/** Every local change of the open cards is in the server's last "saved" state vector. */
	allSaved(): boolean {
		return [...this.cards.values()].every(
			(c) =>
				c.provider.synced &&
				covers(this.ledger.saved.get(c.name), Y.decodeStateVector(Y.encodeStateVector(c.doc)))
		);
	}

	/** Some local change is not in the server's last "saved" state vector yet. */
	hasUnsaved(): boolean {
		return [...this.cards.values()].some(
			(c) => !covers(this.ledger.saved.get(c.name), Y.decodeStateVector(Y.encodeStateVector(c.doc)))
		);
	}

	offline(): boolean {
		return [...this.cards.values()].every((c) => !c.provider.wsconnected);
	}

	override async run(): Promise<void> {
		while (await this.untilReady()) {
			this.syncCards();
			const item = this.scoringItem();
			if (!item || this.ledger.ackedSubmits(this.userId, item) >= this.plan(item)) {
				await this.ctl.wait();
				continue;
			}
			// Some ticking before each submit; the ticker runs meanwhile.
			await pause(this.rng.int(30, 250));
			if (this.ready && this.scoringItem() === item) await this.submit(item);
		}
	}

	override close(): void {
		clearInterval(this.ticker);
		for (const c of this.cards.values()) c.provider.destroy();
		super.close();
	}

	/** How many acknowledged submits this member makes for an item: later ones race the close. */
	private plan(itemId: string): number {
		let n = this.plans.get(itemId);
		if (n === undefined) this.plans.set(itemId, (n = this.rng.pick([1, 1, 2, 3])));
		return n;
	}

	private openCard(itemId: string): void {
		const name = cardDocName(itemId, this.userId);
		const c = provider(this.url, name, this.w.cookies[this.who], new Y.Doc(), {
			params: { saved: '1' },
			maxBackoffTime: 300
		});
		c.provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
			this.ledger.saved.set(name, Y.decodeStateVector(decoding.readVarUint8Array(decoder)));
		};
		this.cards.set(itemId, { name, ...c });
	}

	private tick(): void {
		// A member does not tick while the card they submit is on its way (the page is busy).
		if (!this.ctl.running || this.submitting) return;
		const item = this.scoringItem();
		const card = item ? this.cards.get(item) : undefined;
		if (!card) return;
		const leaf = this.rng.pick(LEAVES);
		card.doc.getMap<number>(CARD_CHOICES).set(leaf.code, this.rng.int(0, leaf.n - 1));
	}

	/** A submit is on its way: the ticker leaves the card alone meanwhile. */
	private submitting = false;

	private async savedWithin(card: Card, timeoutMs: number): Promise<boolean> {
		const deadline = Date.now() + timeoutMs;
		const local = () => Y.decodeStateVector(Y.encodeStateVector(card.doc));
		while (!covers(this.ledger.saved.get(card.name), local())) {
			if (!this.ctl.running || Date.now() > deadline) return false;
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		return true;
	}

	/** Completes the draft as the form would, then submits exactly what the draft holds. */
	private async submit(itemId: string): Promise<void> {
		const card = this.cards.get(itemId);
		if (!card) return;
		this.submitting = true;
		try {
			await this.submitCard(itemId, card);
		} finally {
			this.submitting = false;
		}
	}

	private async submitCard(itemId: string, card: Card): Promise<void> {
		const map = card.doc.getMap<number>(CARD_CHOICES);
		card.doc.transact(() => {
			for (const leaf of LEAVES)
				if (!map.has(leaf.code)) map.set(leaf.code, this.rng.int(0, leaf.n - 1));
		});
		const choices = map.toJSON() as Record<string, number>;
		// Submit records the card the server holds: as the score page does, wait until the server
		// has confirmed every tick of this device (or give up, as a member whose server is gone).
		if (!(await this.savedWithin(card, 5000))) return;
		const entry = {
			kind: 'submit' as const,
			by: this.userId,
			itemId,
			choices,
			outcome: 'pending' as const
		};
		const ack = await this.send(entry, 'score:submit', { itemId });
		// Losing the race with the close is the one expected refusal.
		if (ack && !ack.ok && ack.error.code !== 'wrong-state')
			this.ledger.problems.push(`${this.who}: submit refused ${ack.error.code}`);
	}
}

export class Chair extends Participant {
	/** The first item not closed yet, in agenda order (only one is live at a time). */
	currentItem(): string | null {
		return this.w.items.find((id) => this.states.get(id) !== 'closed') ?? null;
	}

	override async run(): Promise<void> {
		while (await this.untilReady()) {
			const item = this.currentItem();
			const state = item ? this.states.get(item) : undefined;
			if (!item || !state) {
				await this.ctl.wait();
				continue;
			}
			if (state !== 'scoring') {
				// Sometimes through the presentation first, as a sitting does.
				const to = state === 'pending' && this.rng.chance(0.3) ? 'presenting' : 'scoring';
				await this.command({ kind: 'move', by: this.userId, itemId: item, to, outcome: 'pending' });
				continue;
			}
			const all = SCORERS.every((m) => this.ledger.ackedSubmits(this.w.ids[m], item) > 0);
			if (!all) {
				await this.ctl.wait();
				continue;
			}
			// A moment for the debate: late resubmits race this close.
			await pause(this.rng.int(0, 120));
			if (this.ready && this.states.get(item) === 'scoring')
				await this.command({ kind: 'close', by: this.userId, itemId: item, outcome: 'pending' });
		}
	}

	private async command(entry: SentCommand): Promise<void> {
		const { itemId } = entry;
		const ack =
			entry.kind === 'move'
				? await this.send(entry, 'item:move', { itemId, to: entry.to })
				: await this.send(entry, 'item:close', { itemId, override: OVERRIDE });
		if (ack?.ok) this.states.set(itemId, entry.kind === 'move' ? entry.to : 'closed');
		else if (ack) this.ledger.problems.push(`chair: ${entry.kind} refused ${ack.error.code}`);
	}
}

// The chair's and secretary's live view of every draft card of an item, over one read-only
// `board/<itemId>` connection: how many criteria each member has ticked, the moment they tick.
import * as Y from 'yjs';
import { CLOSE } from '$lib/protocol/close-codes';
import { sameChoices } from '$lib/domain/card-score';
import {
	BOARD_NOTES_KEY,
	answeredOnCard,
	boardDocName,
	choicesOnCard
} from '$lib/protocol/yjs-docs';
import { applyBoardFrame } from './board-frames';
import { yjsUrl } from './scorecard.svelte';

const MAX_BACKOFF_MS = 10_000;
const FINAL: ReadonlySet<number> = new Set([
	CLOSE.forbidden,
	CLOSE.notFound,
	CLOSE.unauthorized,
	CLOSE.tooManyConnections
]);

export class BoardWatch {
	/** userId → criteria ticked on the live draft. */
	answered = $state<Record<string, number>>({});
	/**
	 * userId → the ticks of the live draft, as the server relays its copy: the board compares
	 * them with the card the server stored at submit (a draft changed since no longer matches).
	 */
	ticks = $state<Record<string, Record<string, number>>>({});
	connected = $state(false);
	// Plain Y.Docs, not state: only the derived counts in `answered` are reactive.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	private docs = new Map<string, Y.Doc>();
	private ws: WebSocket | null = null;
	private backoff = 500;
	private retry: ReturnType<typeof setTimeout> | null = null;
	private stopped = false;

	constructor(readonly itemId: string) {
		this.connect();
	}

	destroy(): void {
		this.stopped = true;
		if (this.retry) clearTimeout(this.retry);
		this.ws?.close();
		for (const doc of this.docs.values()) doc.destroy();
	}

	private connect(): void {
		const ws = new WebSocket(`${yjsUrl()}/${boardDocName(this.itemId)}`);
		ws.binaryType = 'arraybuffer';
		this.ws = ws;
		ws.onopen = () => {
			this.connected = true;
			this.backoff = 500;
		};
		ws.onmessage = (e) => {
			const key = applyBoardFrame(this.docs, new Uint8Array(e.data as ArrayBuffer));
			if (!key || key === BOARD_NOTES_KEY) return;
			const doc = this.docs.get(key)!;
			const size = answeredOnCard(doc);
			if (this.answered[key] !== size) this.answered[key] = size;
			const ticks = choicesOnCard(doc) as Record<string, number>;
			const before = this.ticks[key];
			if (!before || !sameChoices(before, ticks)) this.ticks[key] = ticks;
		};
		ws.onclose = (e) => {
			this.connected = false;
			// The server sends every document whole again after a reconnect.
			for (const doc of this.docs.values()) doc.destroy();
			// eslint-disable-next-line svelte/prefer-svelte-reactivity
			this.docs = new Map();
			// Final answers: retrying would be refused again (the session ended, too many tabs).
			if (this.stopped || FINAL.has(e.code)) return;
			this.retry = setTimeout(() => this.connect(), this.backoff);
			this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
		};
	}
}

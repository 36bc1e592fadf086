// The member's draft card in the browser: a Y.Doc synced over the app's /yjs/ endpoint, kept in
// localStorage so a reload while offline keeps the ticks, with a "saved on the server" status
// the server confirms after it has written the update to its database.
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CARD_CHOICES, MESSAGE_SAVED } from '$lib/protocol/yjs-docs';
import { CLOSE_MESSAGE_KEYS } from '$lib/protocol/close-codes';
import { isRateLimited, retryWhenLimited } from './yjs-rate-limit';

export type SaveStatus = 'connecting' | 'saved' | 'local';

export function yjsUrl(): string {
	return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/yjs`;
}

/** Whether every change this device has made is in the server's state vector. */
function covered(local: Map<number, number>, server: Map<number, number> | null): boolean {
	if (!server) return false;
	for (const [client, clock] of local) if ((server.get(client) ?? 0) < clock) return false;
	return true;
}

export class ScorecardDoc {
	choices = $state<Record<string, number>>({});
	status = $state<SaveStatus>('connecting');
	online = $state(false);
	/** The server refused writing (item closed, or recused): the card is read-only now. */
	refused = $state(false);
	/** Paused for sending too fast: the wait before reconnecting, in ms (null when not paused). */
	limited = $state<number | null>(null);
	/** Why the server closed the connection, as an i18n key (session ended, too many tabs). */
	closedKey = $state<string | null>(null);
	readonly doc = new Y.Doc();
	private readonly provider: WebsocketProvider;
	private readonly stopRetry: () => void;
	private readonly map: Y.Map<number>;
	private serverState: Map<number, number> | null = null;

	constructor(
		readonly docName: string,
		private readonly storageKey: string
	) {
		this.map = this.doc.getMap<number>(CARD_CHOICES);
		this.restore();
		this.provider = new WebsocketProvider(yjsUrl(), docName, this.doc, {
			params: { saved: '1' },
			disableBc: true
		});
		this.provider.messageHandlers[MESSAGE_SAVED] = (_enc, decoder) => {
			this.serverState = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
			this.refresh();
		};
		this.provider.on('status', ({ status }) => {
			this.online = status === 'connected';
			this.refresh();
		});
		this.provider.on('closed', (close) => {
			if (isRateLimited(close)) return; // not a refusal: retryWhenLimited reconnects
			this.refused = true;
			this.closedKey = CLOSE_MESSAGE_KEYS[close.code] ?? null;
			this.refresh();
		});
		this.stopRetry = retryWhenLimited(this.provider, (wait) => (this.limited = wait));
		this.map.observe(() => this.refresh());
		this.doc.on('update', () => this.persist());
		this.refresh();
	}

	set(code: string, option: number): void {
		this.map.set(code, option);
	}

	/**
	 * Resolves true once the server has confirmed every tick of this device (submit records the
	 * card the server holds, so it waits for this), or false after `timeoutMs`.
	 */
	whenSaved(timeoutMs: number): Promise<boolean> {
		if (this.status === 'saved') return Promise.resolve(true);
		return new Promise((resolve) => {
			const started = Date.now();
			const poll = setInterval(() => {
				const saved = this.status === 'saved';
				if (!saved && Date.now() - started < timeoutMs) return;
				clearInterval(poll);
				resolve(saved);
			}, 50);
		});
	}

	/** Reconnects after the item's state changed (e.g. closed: the card is now read-only). */
	reconnect(): void {
		this.refused = false;
		this.closedKey = null;
		this.provider.connect();
	}

	destroy(): void {
		this.stopRetry();
		this.provider.destroy();
		this.doc.destroy();
	}

	/** Drops the device copy (after the result is locked, the server holds the card). */
	forget(): void {
		try {
			localStorage.removeItem(this.storageKey);
		} catch {
			/* storage unavailable */
		}
	}

	private refresh(): void {
		this.choices = this.map.toJSON() as Record<string, number>;
		const local = Y.decodeStateVector(Y.encodeStateVector(this.doc));
		if (covered(local, this.serverState)) this.status = 'saved';
		// Connected but the server's "saved" not heard yet (it follows the connection at once):
		// with no tick of its own, this device has nothing that is only here, so it is still
		// connecting, not "only on this device" for a moment (that notice re-flowed the page).
		else this.status = local.size > 0 ? 'local' : 'connecting';
	}

	private restore(): void {
		try {
			const saved = localStorage.getItem(this.storageKey);
			if (saved)
				Y.applyUpdate(
					this.doc,
					Uint8Array.from(atob(saved), (c) => c.charCodeAt(0))
				);
		} catch {
			/* a damaged or missing copy: the server has the card */
		}
	}

	private persist(): void {
		try {
			const bytes = Y.encodeStateAsUpdate(this.doc);
			localStorage.setItem(this.storageKey, btoa(String.fromCharCode(...bytes)));
		} catch {
			/* storage full or disabled: the server copy still counts */
		}
	}
}

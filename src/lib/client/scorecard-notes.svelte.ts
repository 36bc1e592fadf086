// The council's shared discussion notes for one item (one Y.Text per criterion), and who is
// looking at which criterion. Names come from the server, which stamps each presence state
// with the session's identity; the browser never decides who someone is.
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CLOSE, CLOSE_MESSAGE_KEYS } from '$lib/protocol/close-codes';
import { NOTES_BY_CRITERION, PRESENCE_INTERVAL_MS } from '$lib/protocol/yjs-docs';
import { pacedLatest } from './paced-latest';
import { yjsUrl } from './scorecard.svelte';
import { isRateLimited, retryWhenLimited } from './yjs-rate-limit';

interface Presence {
	user?: { id: string; name: string };
	criterion?: string | null;
}

export class DiscussionNotes {
	texts = $state<Record<string, string>>({});
	/** Criterion code → names of the others looking at it now. */
	viewers = $state<Record<string, string[]>>({});
	writable = $state(true);
	/** Why the server closed the notes to this person (an i18n key), or null. */
	closedKey = $state<string | null>(null);
	/** Paused for sending too fast: the wait before reconnecting, in ms (null when not paused). */
	limited = $state<number | null>(null);
	private readonly doc = new Y.Doc();
	private readonly provider: WebsocketProvider;
	private readonly stopRetry: () => void;
	private readonly notes: Y.Map<Y.Text>;
	/**
	 * Each focus change is a presence message to the server, which takes 10 at once and 2 a
	 * second: a held Tab (15 focus changes a second) or quick ticking went past it, and the
	 * notes paused as if the member had flooded them. Only the last place matters, so it is sent
	 * at the server's pace.
	 */
	private readonly presence = pacedLatest<string | null>(
		(code) => this.provider.awareness.setLocalStateField('criterion', code),
		PRESENCE_INTERVAL_MS
	);

	constructor(
		docName: string,
		private readonly selfId: string
	) {
		this.notes = this.doc.getMap<Y.Text>(NOTES_BY_CRITERION);
		this.provider = new WebsocketProvider(yjsUrl(), docName, this.doc, { disableBc: true });
		this.provider.on('closed', (close) => {
			if (isRateLimited(close)) return;
			this.writable = false;
			this.closedKey = CLOSE_MESSAGE_KEYS[close.code] ?? this.closedKey;
			// Refused for good (the share or the document is full): reconnecting would send the
			// refused edit again, and again. A reload reads the notes afresh.
			if (close.code === CLOSE.notesShareFull || close.code === CLOSE.tooLarge)
				this.provider.disconnect();
		});
		this.stopRetry = retryWhenLimited(this.provider, (wait) => (this.limited = wait));
		this.notes.observeDeep(() => (this.texts = this.readTexts()));
		this.provider.awareness.on('change', () => (this.viewers = this.readViewers()));
	}

	look(code: string | null): void {
		this.presence.set(code);
	}

	/** Applies an edit of the whole text as the smallest splice, so concurrent edits merge. */
	edit(code: string, next: string): void {
		if (!this.writable) return;
		this.doc.transact(() => {
			let text = this.notes.get(code);
			if (!text) {
				text = new Y.Text();
				this.notes.set(code, text);
			}
			const prev = text.toString();
			let start = 0;
			while (start < prev.length && start < next.length && prev[start] === next[start]) start++;
			let endPrev = prev.length;
			let endNext = next.length;
			while (endPrev > start && endNext > start && prev[endPrev - 1] === next[endNext - 1]) {
				endPrev--;
				endNext--;
			}
			if (endPrev > start) text.delete(start, endPrev - start);
			if (endNext > start) text.insert(start, next.slice(start, endNext));
		});
	}

	destroy(): void {
		this.presence.cancel();
		this.stopRetry();
		this.provider.destroy();
		this.doc.destroy();
	}

	private readTexts(): Record<string, string> {
		const out: Record<string, string> = {};
		for (const [code, text] of this.notes) out[code] = text.toString();
		return out;
	}

	private readViewers(): Record<string, string[]> {
		const out: Record<string, string[]> = {};
		for (const [clientId, state] of this.provider.awareness.getStates() as Map<number, Presence>) {
			if (clientId === this.doc.clientID || !state.criterion || !state.user) continue;
			if (state.user.id === this.selfId) continue;
			(out[state.criterion] ??= []).push(state.user.name);
		}
		return out;
	}
}

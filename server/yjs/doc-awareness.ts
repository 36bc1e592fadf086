import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';

interface AwarenessChange {
	added: number[];
	updated: number[];
	removed: number[];
}

/**
 * A document's awareness (who is looking at what), created when a client first sends one.
 * y-protocols gives every Awareness its own 3-second timer and a few maps: one per document the
 * server opens was 1,600 timer callbacks a second at 300 sittings, mostly for documents only a
 * board reads (every card of the item, whether or not its member is connected). It is kept once
 * made: the Awareness registers on the document's 'destroy' and cannot be unregistered, so
 * making one per join would pile up listeners on a document people come and go on.
 *
 * Changes are sent once per turn of the event loop, all of them in one frame: a burst of
 * presence updates (a reconnecting room, or a flood) costs every reader one message per turn,
 * not one per update, and a state changed many times in a turn is sent once.
 */
export class DocAwareness {
	private awareness: awarenessProtocol.Awareness | null = null;
	private readonly changed = new Set<number>();
	private scheduled = false;

	constructor(
		/** Receives each change, encoded, to send to every reader of the document. */
		private readonly onChange: (update: Uint8Array) => void
	) {}

	/** Applies a (guarded) client update, creating the awareness bound to `doc` if needed. */
	apply(doc: Y.Doc, update: Uint8Array, origin: unknown): void {
		if (!this.awareness) {
			const awareness = new awarenessProtocol.Awareness(doc);
			awareness.setLocalState(null);
			awareness.on('update', ({ added, updated, removed }: AwarenessChange) => {
				for (const ids of [added, updated, removed]) for (const id of ids) this.changed.add(id);
				if (this.scheduled) return;
				this.scheduled = true;
				setImmediate(() => this.flush(awareness));
			});
			this.awareness = awareness;
		}
		awarenessProtocol.applyAwarenessUpdate(this.awareness, update, origin);
	}

	private flush(awareness: awarenessProtocol.Awareness): void {
		this.scheduled = false;
		const ids = [...this.changed];
		this.changed.clear();
		// Destroyed meanwhile (the document was unloaded): nobody is left to tell.
		if (this.awareness !== awareness || ids.length === 0) return;
		this.onChange(awarenessProtocol.encodeAwarenessUpdate(awareness, ids));
	}

	/** Every known state, encoded; null when there is none. */
	encodeAll(): Uint8Array | null {
		const a = this.awareness;
		if (!a || a.getStates().size === 0) return null;
		return awarenessProtocol.encodeAwarenessUpdate(a, [...a.getStates().keys()]);
	}

	/** Removes a closed connection's states; the other readers are told. */
	remove(clientIds: Iterable<number>): void {
		if (this.awareness)
			awarenessProtocol.removeAwarenessStates(this.awareness, [...clientIds], null);
	}

	destroy(): void {
		this.awareness?.destroy();
		this.awareness = null;
	}
}

/** An awareness update with no states: the answer to a query when nobody is present. */
export const EMPTY_AWARENESS_UPDATE = new Uint8Array([0]);

// Who is on the video stage. A meeting is watched, not a gallery: the screen being shared or
// the presenter fills the stage, the council sits in a strip beside it. Pure, so tested alone.

export interface StageTile {
	identity: string;
	name: string;
	local: boolean;
	hasCamera: boolean;
	hasScreen: boolean;
}

export interface StageChoice {
	/** Whom the stage shows, and which of their tracks; null: nobody, the strip is the grid. */
	stage: { identity: string; kind: 'screen' | 'camera' } | null;
	/** Everyone's camera tile except the one on the stage, presenters first, then join order. */
	strip: string[];
}

export interface StageOptions {
	/** Chosen by the person (a pin), it wins while that participant is in the room. */
	pinned: string | null;
	/** The chair's pin for everyone: next after the person's own, with the track the chair chose. */
	chairPin?: { identity: string; kind: 'camera' | 'screen' } | null;
	/** The live item's presenters (the producer). */
	presenters: readonly string[];
	/** The last remote participant heard speaking. */
	lastSpeaker: string | null;
	/** Grid view: no stage, equal tiles. */
	grid: boolean;
}

export function arrangeStage(tiles: readonly StageTile[], o: StageOptions): StageChoice {
	const byId = new Map(tiles.map((t) => [t.identity, t]));
	const isPresenter = (id: string) => o.presenters.includes(id);
	const ordered = [...tiles].sort(
		(a, b) => Number(isPresenter(b.identity)) - Number(isPresenter(a.identity))
	);
	if (o.grid) return { stage: null, strip: ordered.map((t) => t.identity) };
	const view = (t: StageTile) => ({
		identity: t.identity,
		kind: t.hasScreen ? ('screen' as const) : ('camera' as const)
	});
	const pinned = o.pinned ? byId.get(o.pinned) : undefined;
	const chair = o.chairPin ? byId.get(o.chairPin.identity) : undefined;
	const sharing = ordered.find((t) => t.hasScreen);
	const presenter = ordered.find((t) => isPresenter(t.identity));
	const speaker = o.lastSpeaker ? byId.get(o.lastSpeaker) : undefined;
	// The chair asked for a camera: the face stays on stage even while that person shares.
	const chairView = (pin: NonNullable<StageOptions['chairPin']>, t: StageTile) => ({
		identity: t.identity,
		kind: pin.kind === 'screen' && t.hasScreen ? ('screen' as const) : ('camera' as const)
	});
	const chosen = pinned ? view(pinned) : chair && o.chairPin ? chairView(o.chairPin, chair) : null;
	const pick = sharing ?? presenter ?? (speaker && !speaker.local ? speaker : undefined);
	const stage = chosen ?? (pick ? view(pick) : null);
	// A shared screen leaves its owner's face in the strip; a camera on stage is not repeated.
	const strip = ordered
		.filter((t) => !(stage?.kind === 'camera' && t.identity === stage.identity))
		.map((t) => t.identity);
	return { stage, strip };
}

/** The strip's page on a small screen: a phone shows a few tiles at a time, never all shrunk. */
export function pageOf<T>(items: readonly T[], page: number, size: number) {
	const pages = Math.max(1, Math.ceil(items.length / size));
	const p = Math.min(Math.max(0, page), pages - 1);
	return { items: items.slice(p * size, p * size + size), page: p, pages };
}

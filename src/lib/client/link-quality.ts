// Weak networks: a participant whose LiveKit connection quality stays poor is switched to sound
// only, and back once it has stayed good. Waiting before each switch keeps a short dip (or a
// short recovery) from flapping the video on and off. Pure: the clock is passed in.

export type LinkQuality = 'excellent' | 'good' | 'poor' | 'lost' | 'unknown';

/** Poor or lost this long: sound only. */
export const WEAK_AFTER_MS = 5_000;
/** Good or excellent this long: video again. */
export const RECOVER_AFTER_MS = 10_000;

export interface LinkState {
	quality: LinkQuality;
	/** When the quality last changed between weak, fine and unknown. */
	since: number;
	/** Switched to sound only by this rule (a person's own choice is kept apart). */
	audioOnly: boolean;
}

const weak = (q: LinkQuality) => q === 'poor' || q === 'lost';
const fine = (q: LinkQuality) => q === 'good' || q === 'excellent';
const kind = (q: LinkQuality) => (weak(q) ? 'weak' : fine(q) ? 'fine' : 'unknown');

export function initialLink(now: number): LinkState {
	return { quality: 'unknown', since: now, audioOnly: false };
}

/**
 * A reported quality, then the decision at `now`. Poor→lost or good→excellent keeps the
 * clock running: the link has been weak (or fine) all along.
 */
export function observe(state: LinkState, quality: LinkQuality, now: number): LinkState {
	const since = kind(quality) === kind(state.quality) ? state.since : now;
	return decide({ ...state, quality, since }, now);
}

/** The decision at `now`, with no new report (the timer's tick). */
export function decide(state: LinkState, now: number): LinkState {
	const held = now - state.since;
	if (!state.audioOnly && weak(state.quality) && held >= WEAK_AFTER_MS)
		return { ...state, audioOnly: true };
	if (state.audioOnly && fine(state.quality) && held >= RECOVER_AFTER_MS)
		return { ...state, audioOnly: false };
	return state;
}

/** Milliseconds until the decision may change without a new report; null: not before one. */
export function nextCheck(state: LinkState, now: number): number | null {
	const held = now - state.since;
	if (!state.audioOnly && weak(state.quality)) return Math.max(0, WEAK_AFTER_MS - held);
	if (state.audioOnly && fine(state.quality)) return Math.max(0, RECOVER_AFTER_MS - held);
	return null;
}

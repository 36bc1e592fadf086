import type { LiveEffects, RouteChange } from '../src/lib/server/live-effects';
import type { LiveFacts } from '../src/lib/server/scoring/board';

/** A form waits at most this long for the live effects (a LiveKit call) before it answers. */
const SETTLE_MS = 3000;

/** A part of the realtime server that acts on what form actions changed. */
export interface RouteChangeFollower {
	applyRouteChange(change: RouteChange): unknown;
}

/**
 * The realtime server's side of LiveEffects: each change goes to the parts that act on it (the
 * live-session registry, the live sitting), named once by the composition root (realtime.ts);
 * a page's read of the live facts goes to the board feed.
 */
export class RouteEffects implements LiveEffects {
	constructor(
		private readonly followers: readonly RouteChangeFollower[],
		/** The board feed's facts (scoring/board-feed.ts), read by the board page. */
		readonly liveFacts: (sittingId: string, itemId: string) => LiveFacts,
		/** The live sitting's count of who is present (live-sitting.ts presentMembers). */
		readonly present: (sittingId: string) => string[]
	) {}

	announce(change: RouteChange): Promise<void> {
		const effects = this.followers.map((follower) => {
			try {
				return Promise.resolve(follower.applyRouteChange(change)).catch((e) => report(change, e));
			} catch (e) {
				report(change, e);
				return Promise.resolve();
			}
		});
		let timer: NodeJS.Timeout | undefined;
		const late = new Promise<void>((resolve) => {
			timer = setTimeout(resolve, SETTLE_MS);
			timer.unref();
		});
		return Promise.race([Promise.all(effects).then(() => undefined), late]).finally(() =>
			clearTimeout(timer)
		);
	}
}

function report(change: RouteChange, e: unknown): void {
	console.error(`realtime: could not apply a ${change.kind} change`, e);
}

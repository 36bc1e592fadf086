import { onChange, type RouteChange } from '../src/lib/server/realtime-bridge';
import { afterConflict } from './meeting/recusal';
import type { RealtimeDeps } from './socket';

/**
 * Gives what a form action changed in the database the live effects of the socket command that
 * makes the same change, through the same function. Returns the function that stops following.
 */
export function followRouteChanges(deps: RealtimeDeps): () => void {
	return onChange(deps.ctx.db, (change: RouteChange) => {
		switch (change.kind) {
			case 'conflict':
				return afterConflict(deps, change.itemId, change.userId);
			default:
				return; // ended sessions: live-sessions.ts follows those itself
		}
	});
}

import type { RealtimeDeps, AppSocket } from '../socket';

/** Scoring commands of one connected socket. */
export function registerScoringHandlers(_socket: AppSocket, _deps: RealtimeDeps): void {}

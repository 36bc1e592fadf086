import type { RealtimeDeps, AppSocket } from '../socket';

/** Meeting control commands of one connected socket. */
export function registerMeetingHandlers(_socket: AppSocket, _deps: RealtimeDeps): void {}

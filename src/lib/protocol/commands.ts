/**
 * Every command a client may send over socket.io, as a runtime list. The type check below keeps
 * it equal to the event map, so the authorisation matrix and the malformed-input tests can walk
 * every command, and a command added to the map without a place here fails the type check.
 */
import type { ClientToServerEvents } from './socket';

export const CLIENT_COMMANDS = [
	'sitting:join',
	'sitting:leave',
	'item:move',
	'hand:raise',
	'hand:lower',
	'hand:next',
	'chat:send',
	'viewer:page',
	'timer',
	'livekit:token',
	'av:mute',
	'av:remove',
	'conflict:declare',
	'sitting:adjourn',
	'stage:pin',
	'scoring:watch',
	'score:submit',
	'item:close',
	'item:rescore'
] as const;

export type ClientCommand = (typeof CLIENT_COMMANDS)[number];

// Both directions: a listed name not in the map, or a map entry not listed, is a type error.
type Missing = Exclude<keyof ClientToServerEvents, ClientCommand>;
type Extra = Exclude<ClientCommand, keyof ClientToServerEvents>;
export const commandsMatchEventMap: [Missing, Extra] extends [never, never] ? true : never = true;

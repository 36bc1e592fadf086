// The shape of a registry entry: how to reach one surface, and what every role gets there.
import type { Expectation, ItemState, Role } from './outcomes';

export type Form = Record<string, string | string[]>;

/** A page load, a form action or a +server.ts endpoint of SvelteKit. */
export interface HttpCase {
	kind: 'http';
	/** Names a variant when one surface is walked with several inputs. */
	label?: string;
	params?: Record<string, string | number>;
	/** Form fields of a POST (url-encoded, as a browser without JavaScript sends them). */
	form?: Form;
	/** Sends `form` as multipart with one small PDF under `file` (the upload endpoint). */
	withFile?: boolean;
	/**
	 * Posts the form as an enhanced form (or any fetch) does: the answer is the action's own JSON,
	 * not its page rendered again (whose load may refuse for its own reasons).
	 */
	json?: boolean;
	/** Tables a refusal here still writes by design (a wrong password is counted: login_attempts). */
	counts?: string[];
	expect: Expectation;
}

/** One of server/'s own http routes (beside SvelteKit). */
export interface ServerCase {
	kind: 'server';
	body?: string;
	expect: Expectation;
}

/** A socket.io command with its acknowledgement. */
export interface SocketCase {
	kind: 'socket';
	payload: (state: ItemState) => unknown;
	expect: Expectation;
	/** For granted commands: what the data must (not) hold; returns a problem or null. */
	check?: (role: Role, data: unknown, state: ItemState) => string | null;
}

/** A Yjs document: connect, then try to write. */
export interface YjsCase {
	kind: 'yjs';
	doc: (role: Role) => string;
	expect: Expectation;
}

export type Case = HttpCase | ServerCase | SocketCase | YjsCase;

/** One entry per surface key of tests/helpers/surfaces.ts; several cases for variants. */
export type Registry = Record<string, Case | Case[]>;

// How the matrix asks: one request per cell over the app's real transports, answered as an
// outcome of the registry's vocabulary plus everything the caller received (for the leak check).
import { io as connectIo, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { MESSAGE_SAVED } from '../../../src/lib/protocol/yjs-docs';
import { wsBase, syncUpdateFrame } from '../yjs-helpers';
import { LEAF } from './ids';
import type { Form, HttpCase, ServerCase } from './registry-types';

export interface Probe {
	/** An outcome of the vocabulary, or a description of something outside it. */
	outcome: string;
	/** Everything the caller received, as text. */
	text: string;
	data?: unknown;
	/** Yjs: messages received before the connection ended. */
	frames?: number;
	/** HTTP: what else a refusal could differ by (the refusal-parity test compares it). */
	head?: { status: number; type: string | null; location: string | null };
}

const PDF = new TextEncoder().encode(
	'%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<<>>\n%%EOF\n'
);

/** `page /a/[id]`, `action /a ?/x`, `endpoint GET /a`, `server POST /a` → method and path. */
export function requestOf(key: string, params: Record<string, string | number> = {}) {
	const [kind, ...rest] = key.split(' ');
	const fill = (route: string) => route.replace(/\[(\w+)\]/g, (_, p: string) => String(params[p]));
	if (kind === 'page') return { method: 'GET', path: fill(rest[0]) };
	if (kind === 'action') {
		const action = rest[1].slice(2);
		return { method: 'POST', path: fill(rest[0]) + (action === 'default' ? '' : `?/${action}`) };
	}
	return { method: rest[0], path: fill(rest[1]) };
}

export function classify(base: string, res: Pick<Response, 'status' | 'headers'>): string {
	if (res.status >= 300 && res.status < 400) {
		const to = new URL(res.headers.get('location') ?? '', base);
		return to.pathname === '/login' && to.searchParams.has('next')
			? 'login'
			: `redirect:${to.pathname}`;
	}
	const named: Record<number, string> = {
		200: 'ok',
		400: 'invalid',
		401: 'unauthorized',
		403: 'forbidden',
		404: 'not-found'
	};
	return named[res.status] ?? `http ${res.status}`;
}

function bodyOf(form: Form | undefined, withFile: boolean): BodyInit {
	const entries = Object.entries(form ?? {}).flatMap(([k, v]) => [v].flat().map((x) => [k, x]));
	if (!withFile) return new URLSearchParams(entries);
	const data = new FormData();
	for (const [k, v] of entries) data.append(k, v);
	data.append('file', new Blob([PDF], { type: 'application/pdf' }), 'bang-chung.pdf');
	return data;
}

export interface HttpRequestParts {
	method: string;
	/** Pathname and query, as the registry names them. */
	path: string;
	headers: Record<string, string>;
	body?: BodyInit;
}

/** The request of a page load, form action or endpoint, as a browser without JavaScript sends it. */
export function requestParts(
	base: string,
	key: string,
	c: HttpCase | ServerCase,
	cookie: string
): HttpRequestParts {
	const { method, path } = requestOf(key, c.kind === 'http' ? c.params : {});
	// A browser's navigation: with fetch's default (any type), SvelteKit answers actions in JSON.
	const headers: Record<string, string> = {
		accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
		...(cookie ? { cookie } : {})
	};
	let body: BodyInit | undefined;
	if (method === 'POST') {
		headers.origin = base;
		if (c.kind === 'server') {
			headers['content-type'] = 'application/webhook+json';
			body = c.body;
		} else {
			body = bodyOf(c.form, !!c.withFile);
			if (c.withFile || c.json) headers.accept = 'application/json';
		}
	}
	return { method, path, headers, body };
}

/** A page load, form action or endpoint, as a browser without JavaScript would send it. */
export async function httpProbe(
	base: string,
	key: string,
	c: HttpCase | ServerCase,
	cookie: string
): Promise<Probe> {
	const { method, path, headers, body } = requestParts(base, key, c, cookie);
	const res = await fetch(base + path, { method, headers, body, redirect: 'manual' });
	const text = Buffer.from(await res.arrayBuffer()).toString('latin1');
	const head = {
		status: res.status,
		type: res.headers.get('content-type'),
		location: res.headers.get('location')
	};
	const answered = c.kind === 'http' && c.json ? actionAnswer(res, text) : res;
	return { outcome: classify(base, answered), text, head };
}

/**
 * An enhanced form's answer (`json`): SvelteKit sends a failure or a redirect as JSON with HTTP
 * 200 and the status or location inside. Read as the answer it stands for.
 */
function actionAnswer(res: Response, text: string): Pick<Response, 'status' | 'headers'> {
	if (!res.headers.get('content-type')?.startsWith('application/json')) return res;
	let body: { type?: unknown; status?: unknown; location?: unknown };
	try {
		body = JSON.parse(text);
	} catch {
		return res;
	}
	if (body.type === 'failure' && typeof body.status === 'number')
		return { status: body.status, headers: res.headers };
	if (body.type === 'redirect' && typeof body.location === 'string')
		return {
			status: typeof body.status === 'number' ? body.status : 303,
			headers: new Headers({ location: body.location })
		};
	return res;
}

export type Client = Socket;

/** A socket.io client signed in with the cookie, or the reason the handshake was refused. */
export function connectSocket(base: string, cookie: string): Promise<Client | string> {
	const socket = connectIo(base, {
		path: '/socket.io/',
		transports: ['websocket'],
		extraHeaders: { origin: base, ...(cookie ? { cookie } : {}) },
		reconnection: false
	});
	return new Promise((resolve) => {
		socket.once('connect', () => resolve(socket));
		socket.once('connect_error', (e) => {
			socket.close();
			resolve(e.message === 'unauthorized' ? 'unauthorized' : `connect_error ${e.message}`);
		});
	});
}

export async function socketProbe(client: Client, event: string, payload: unknown): Promise<Probe> {
	const ack = await client.timeout(5000).emitWithAck(event, payload);
	return {
		outcome: ack.ok ? 'ok' : `refused:${ack.error.code}`,
		text: JSON.stringify(ack),
		data: ack.ok ? ack.data : undefined
	};
}

/** Whether a "saved" frame's state vector covers the given client's update. */
function savedCovers(frame: Uint8Array, clientId: number): boolean {
	const d = decoding.createDecoder(frame);
	if (decoding.readVarUint(d) !== MESSAGE_SAVED) return false;
	return (Y.decodeStateVector(decoding.readVarUint8Array(d)).get(clientId) ?? 0) > 0;
}

/**
 * Opens a Yjs document and, once the server has spoken, tries to write to it: `ok` when the
 * server reports the update saved, `read` when it closes the connection 4403 for it, `closed:N`
 * when it closed before saying anything, `unauthorized` when the upgrade itself was refused.
 */
export function yjsProbe(base: string, doc: string, cookie: string): Promise<Probe> {
	const writer = new Y.Doc();
	writer.getMap('choices').set(LEAF, 0);
	const update = Y.encodeStateAsUpdate(writer);
	return new Promise((resolve) => {
		const ws = new WebSocket(`${wsBase(base)}/${doc}?saved=1`, {
			headers: { origin: base, ...(cookie ? { cookie } : {}) }
		});
		let frames = 0;
		let text = '';
		let wrote = false;
		const done = (outcome: string) => {
			clearTimeout(timer);
			ws.removeAllListeners();
			ws.on('error', () => undefined);
			if (ws.readyState === WebSocket.OPEN) ws.close();
			else if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
			resolve({ outcome, text, frames });
		};
		const timer = setTimeout(() => done(wrote ? 'no answer to a write' : 'no answer'), 5000);
		ws.on('error', () => undefined);
		ws.on('unexpected-response', (_req, res) =>
			done(res.statusCode === 401 ? 'unauthorized' : `http ${res.statusCode}`)
		);
		ws.on('message', (data: Buffer) => {
			frames++;
			text += data.toString('latin1');
			const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
			if (!wrote) {
				wrote = true;
				ws.send(syncUpdateFrame(update));
			} else if (savedCovers(bytes, writer.clientID)) done('ok');
		});
		ws.on('close', (code) =>
			done(!wrote ? `closed:${code}` : code === 4403 ? 'read' : `closed ${code} after a write`)
		);
	});
}

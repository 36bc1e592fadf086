// The floor: a relay that does the least a server of the protocol must do per tick, and nothing
// else: no Yjs, no database, no access checks, no keep-alive, no answer at connect. A member's
// frame (a sync update) goes out as it came to the document's other sockets (the y-websocket
// protocol, where each watcher opens every card) and, with the card's key in front, to its
// sitting's board sockets (the app's protocol). Measured like the servers, same flags and core,
// its tick p99 is the part of every server's figure that belongs to the platform and the
// harness (Node, ws, the loopback, the generator's own loop): no server of that protocol reads
// lower on this machine.
import http from 'node:http';
import * as encoding from 'lib0/encoding';
import { WebSocketServer } from 'ws';

const MESSAGE_BOARD = 101;
const port = Number(process.env.PORT ?? 1234);
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
/** document name → its sockets (y-websocket protocol) */
const rooms = new Map();
/** item → its board sockets (the app's protocol) */
const boards = new Map();
const server = http.createServer((_req, res) => res.writeHead(200).end('okay'));

function join(map, key, ws) {
	let set = map.get(key);
	if (!set) map.set(key, (set = new Set()));
	set.add(ws);
	ws.on('close', () => set.delete(ws));
	return set;
}

function boardPrefix(key) {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MESSAGE_BOARD);
	encoding.writeVarString(e, key);
	return Buffer.from(encoding.toUint8Array(e));
}

wss.on('connection', (ws, name) => {
	const [kind, item, member] = name.split('/');
	if (kind === 'board') return void join(boards, item, ws);
	const room = join(rooms, name, ws);
	if (kind !== 'card') return;
	const prefix = boardPrefix(member);
	ws.on('message', (data) => {
		// Only a sync update (0, 2) is relayed; the y-websocket handshake is not answered.
		if (data[0] !== 0 || data[1] !== 2) return;
		for (const w of room) if (w !== ws) w.send(data);
		const watchers = boards.get(item);
		if (!watchers?.size) return;
		// The app's board frame, built in one allocation as the app builds it.
		const frame = Buffer.allocUnsafe(prefix.length + data.length);
		prefix.copy(frame, 0);
		data.copy(frame, prefix.length);
		for (const w of watchers) w.send(frame);
	});
});
server.on('upgrade', (req, socket, head) => {
	const name = decodeURIComponent(req.url.replace(/^\/yjs\//, '').split('?')[0]);
	wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, name));
});
server.listen(port, '127.0.0.1', () => console.log(`floor listening on ${port}`));
process.on('SIGTERM', () => process.exit(0));

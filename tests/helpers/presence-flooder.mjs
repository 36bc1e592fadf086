// The attacker of tests/integration/yjs-presence-flood.test.ts, in its own process so that the
// server's /healthz is timed against the server's work and not the attacker's. Opens
// `connections` Yjs connections with one cookie, floods presence (awareness) on those accepted
// (the even ones with `idsPerMessage` ids a message, the odd ones with their own id only, as
// often as they can), and prints how each connection opened and how it ended.
// Usage: node presence-flooder.mjs '<json options>'
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';

const o = JSON.parse(process.argv[2]);
// o: { url, doc, cookie, connections, rounds, idsPerMessage, stateBytes, removeId }

function awareness(entries, clock) {
	const u = encoding.createEncoder();
	encoding.writeVarUint(u, entries.length);
	for (const [id, json] of entries) {
		encoding.writeVarUint(u, id);
		encoding.writeVarUint(u, clock);
		encoding.writeVarString(u, json);
	}
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 1);
	encoding.writeVarUint8Array(e, encoding.toUint8Array(u));
	return encoding.toUint8Array(e);
}

function connect() {
	const ws = new WebSocket(`${o.url.replace('http', 'ws')}/yjs/${o.doc}`, {
		headers: { origin: o.url, cookie: o.cookie }
	});
	ws.on('error', () => undefined);
	const ended = new Promise((resolve) => ws.on('close', (code, why) => resolve(`${code} ${why}`)));
	// The server's first message (sync step 1) means the connection was accepted.
	const opened = new Promise((resolve) => {
		ws.once('message', () => resolve('open'));
		void ended.then(resolve);
	});
	return { ws, ended, opened };
}

const conns = Array.from({ length: o.connections }, connect);
const outcomes = await Promise.all(conns.map((c) => c.opened));
const live = conns.filter((_, i) => outcomes[i] === 'open');
const junk = JSON.stringify({ criterion: '1.1', junk: 'x'.repeat(o.stateBytes - 40) });
const frames = live.map((_, k) => {
	const ids = k % 2 === 0 ? o.idsPerMessage : 1;
	const entries = Array.from({ length: ids }, (_, i) => [1_000_000 + k * 1000 + i, junk]);
	return Array.from({ length: o.rounds }, (_, r) => awareness(entries, r + 1));
});
const removals = Array.from({ length: o.rounds }, (_, r) =>
	awareness([[o.removeId, 'null']], 1000 + r)
);
process.stdout.write(JSON.stringify({ ready: true }) + '\n');
for (let r = 0; r < o.rounds; r++) {
	for (const [k, c] of live.entries()) {
		if (c.ws.readyState !== WebSocket.OPEN) continue;
		c.ws.send(frames[k][r]);
		c.ws.send(removals[r]);
	}
	await new Promise((resolve) => setImmediate(resolve));
}
await new Promise((resolve) => setTimeout(resolve, 500));
const endings = await Promise.all(
	live.map((c) => (c.ws.readyState === WebSocket.OPEN ? 'open' : c.ended))
);
process.stdout.write(JSON.stringify({ outcomes, endings }) + '\n');
for (const c of conns) c.ws.terminate();

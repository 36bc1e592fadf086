// Probe process for the app only: full socket.io clients in extra sittings that submit their
// cards (submit → acknowledged) and whose chair closes the item (close → the locked result seen
// by every member), plus a stream of control events (hands raised and lowered), measured while
// the load generator keeps the server busy.
// Input: JSON file path in argv[2]: { url, origin, sittings: [{ sittingId, itemId,
//   chairCookie, members: [{ userId, cookie }] }], startDelayMs, spacingMs }
// The probe joins at once (saying "ready" on stderr once it listens for the signal), then waits
// for SIGUSR2 (sent when the load generator starts its
// measured window) and startDelayMs more before it acts.
import { readFileSync } from 'node:fs';
import { io } from 'socket.io-client';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const submitMs = [];
const closeMs = [];
const controlMs = [];
let failures = 0;
const errors = [];

function connect(cookie) {
	return new Promise((resolve, reject) => {
		const socket = io(plan.url, {
			path: '/socket.io/',
			transports: ['websocket'],
			extraHeaders: { cookie, origin: plan.origin },
			reconnection: false
		});
		socket.once('connect', () => resolve(socket));
		socket.once('connect_error', reject);
	});
}

function call(socket, event, payload) {
	return new Promise((resolve) =>
		socket
			.timeout(10_000)
			.emit(event, payload, (err, ack) =>
				resolve(err ? { ok: false, error: { message: String(err) } } : ack)
			)
	);
}

/** Everyone connects and joins before the measured window, as people arrive before a sitting. */
async function joinSitting(s) {
	const people = [{ userId: 'chair', cookie: s.chairCookie }, ...s.members];
	const sockets = [];
	for (const p of people) {
		const socket = await connect(p.cookie);
		await call(socket, 'sitting:join', { sittingId: s.sittingId });
		await call(socket, 'scoring:watch', { itemId: s.itemId });
		sockets.push(socket);
	}
	return sockets;
}

/** Members submit within a couple of seconds of each other, not in the same millisecond. */
const SUBMIT_SPREAD_MS = 2000;

async function runSitting(s, sockets) {
	// Control events: each member raises and lowers a hand once.
	for (const socket of sockets.slice(1, 6)) {
		for (const event of ['hand:raise', 'hand:lower']) {
			const t = performance.now();
			const ack = await call(socket, event, { sittingId: s.sittingId });
			if (ack?.ok) controlMs.push(performance.now() - t);
		}
	}
	await Promise.all(
		sockets.map(async (socket) => {
			await new Promise((resolve) => setTimeout(resolve, Math.random() * SUBMIT_SPREAD_MS));
			const t = performance.now();
			// The card itself was filled before the run (bench/seed.ts seedCards).
			const ack = await call(socket, 'score:submit', { itemId: s.itemId });
			if (ack?.ok) submitMs.push(performance.now() - t);
			else {
				failures++;
				errors.push(ack?.error?.message);
			}
		})
	);
	const seen = sockets.map(
		(socket) =>
			new Promise((resolve) => {
				socket.on(
					'result:locked',
					(summary) => summary.itemId === s.itemId && resolve(performance.now())
				);
			})
	);
	const t = performance.now();
	const ack = await call(sockets[0], 'item:close', { itemId: s.itemId });
	if (!ack?.ok) {
		failures++;
		errors.push(`close: ${ack?.error?.message} ${JSON.stringify(ack?.error?.details ?? '')}`);
	} else {
		const times = await Promise.race([
			Promise.all(seen),
			new Promise((resolve) => setTimeout(() => resolve(null), 10_000))
		]);
		if (times) closeMs.push(Math.max(...times) - t);
		else failures++;
	}
	for (const socket of sockets) socket.close();
}

const q = (arr, p) => {
	const s = [...arr].sort((a, b) => a - b);
	return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : null;
};

const measuringStarted = new Promise((resolve) => process.once('SIGUSR2', resolve));
process.stderr.write('ready\n');
const joined = [];
for (const s of plan.sittings) {
	try {
		joined.push(await joinSitting(s));
	} catch (e) {
		joined.push(null);
		failures++;
		errors.push(`join: ${e}`);
	}
}
await measuringStarted;
await new Promise((resolve) => setTimeout(resolve, plan.startDelayMs));
const started = performance.now();
await Promise.all(
	plan.sittings.map(async (s, i) => {
		await new Promise((resolve) => setTimeout(resolve, i * plan.spacingMs));
		if (!joined[i]) return;
		try {
			await runSitting(s, joined[i]);
		} catch (e) {
			failures++;
			errors.push(String(e));
		}
	})
);
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
	JSON.stringify({
		submit: { n: submitMs.length, p50: q(submitMs, 0.5), p99: q(submitMs, 0.99) },
		close: { n: closeMs.length, p50: q(closeMs, 0.5), p99: q(closeMs, 0.99) },
		control: {
			n: controlMs.length,
			perSecond: controlMs.length / seconds,
			p99: q(controlMs, 0.99)
		},
		failures,
		errors: [...new Set(errors)].slice(0, 5)
	}) + '\n'
);
process.exit(0);

// A stand-in for LiveKit's room service on loopback: it answers every Twirp call "not found"
// (nobody is in any room) and counts the calls, so a test can tell which requests reached the
// video server without running one. Tokens need no server: the app mints them offline.
import { createServer } from 'node:http';

export interface FakeLiveKit {
	url: string;
	calls(): number;
	close(): Promise<void>;
}

export async function startFakeLiveKit(): Promise<FakeLiveKit> {
	let calls = 0;
	const server = createServer((req, res) => {
		calls++;
		req.resume();
		res.writeHead(404, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ code: 'not_found', msg: 'participant not found' }));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		url: `ws://127.0.0.1:${port}`,
		calls: () => calls,
		close: () => new Promise((resolve) => server.close(() => resolve()))
	};
}

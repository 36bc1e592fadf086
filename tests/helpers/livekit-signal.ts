// A participant in a real LiveKit room without a browser: only the signalling WebSocket, as
// livekit-client opens it. LiveKit lists it in the room (about 30 s before it gives up waiting
// for media, longer than a test needs), and when the room service removes it, LiveKit says so on
// the socket and closes it. A test can thus tell that the app removed someone from the video
// room without Chromium.
import WebSocket from 'ws';

export interface SignalParticipant {
	/** Resolves when LiveKit closes the signalling socket (removal, or the room closing). */
	closed: Promise<void>;
	close(): void;
}

/** Joins with a token the app minted; resolves once LiveKit has answered the join. */
export function joinBySignal(url: string, token: string): Promise<SignalParticipant> {
	const query = new URLSearchParams({
		access_token: token,
		auto_subscribe: '1',
		protocol: '15',
		sdk: 'js',
		version: '2.0.0'
	});
	const ws = new WebSocket(`${url.replace(/\/$/, '')}/rtc?${query}`);
	const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
	return new Promise((resolve, reject) => {
		// The first message is the join response: the participant is in the room from then on.
		ws.once('message', () => resolve({ closed, close: () => ws.close() }));
		ws.once('error', reject);
		ws.once('unexpected-response', (_req, res) =>
			reject(new Error(`LiveKit refused the join: ${res.statusCode}`))
		);
	});
}

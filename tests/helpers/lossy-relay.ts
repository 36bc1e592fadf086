// A weak network for one browser, without root, netem or network namespaces: a UDP relay in
// this process that the browser's media goes through, dropping a share of the RTP packets on
// demand. Chromium's own network emulation (CDP) does not touch WebRTC, and WebRTC's
// degraded-call field trials did not take effect in Debian's Chromium; a relay we control also
// lets the link recover, which is what the audio-only switch has to survive.
import dgram from 'node:dgram';
import { networkInterfaces } from 'node:os';
import type { BrowserContext } from 'playwright-core';

export interface LossyRelay {
	port: number;
	/** Share of RTP packets dropped, both ways (0: a clean link). */
	loss: number;
	readonly counts: { passed: number; dropped: number };
	close(): void;
}

/**
 * LiveKit binds its UDP port on the machine's interface addresses, not on loopback, even when
 * `node_ip` advertises 127.0.0.1: the relay sends there.
 */
export function interfaceAddress(): string {
	for (const list of Object.values(networkInterfaces()))
		for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
	return '127.0.0.1';
}

/** RTP, not RTCP: STUN, DTLS and reports pass, so the connection stays up while media suffers. */
function isRtp(m: Buffer): boolean {
	return m.length > 12 && m[0] >= 128 && m[0] < 192 && !(m[1] >= 192 && m[1] <= 223);
}

export async function startLossyRelay(liveKitUdpPort: number): Promise<LossyRelay> {
	const host = interfaceAddress();
	const front = dgram.createSocket('udp4');
	// One socket towards LiveKit per browser socket, so that LiveKit tells the browser's ICE
	// candidates apart (each becomes a peer-reflexive candidate from the relay's address).
	const backs = new Map<string, dgram.Socket>();
	const counts = { passed: 0, dropped: 0 };
	const relay: LossyRelay = {
		port: 0,
		loss: 0,
		counts,
		close() {
			front.close();
			for (const b of backs.values()) b.close();
		}
	};
	const drop = (m: Buffer) => {
		if (isRtp(m) && Math.random() < relay.loss) return !!++counts.dropped;
		counts.passed++;
		return false;
	};
	front.on('message', (m, from) => {
		const key = `${from.address}:${from.port}`;
		let back = backs.get(key);
		if (!back) {
			const b = dgram.createSocket('udp4');
			b.on('message', (r) => {
				if (!drop(r)) front.send(r, from.port, from.address);
			});
			b.bind(0, host);
			backs.set(key, b);
			back = b;
		}
		if (!drop(m)) back.send(m, liveKitUdpPort, host);
	});
	await new Promise<void>((resolve) => front.bind(0, '0.0.0.0', () => resolve()));
	relay.port = front.address().port;
	return relay;
}

/**
 * Makes this browser context reach LiveKit only through the relay: LiveKit's UDP candidate is
 * rewritten to the relay, its other candidates (TCP, IPv6) are dropped, and the browser's own
 * candidates are not signalled, so that LiveKit cannot reach the browser directly either.
 */
export async function routeThroughRelay(
	context: BrowserContext,
	liveKitUdpPort: number,
	relay: LossyRelay
): Promise<void> {
	await context.addInitScript(
		({ udp, relayPort, host }) => {
			const rewrite = (c: string): string | null => {
				if (/ tcp /i.test(c)) return null;
				if (c.includes(` 127.0.0.1 ${udp} typ`))
					return c.replace(` 127.0.0.1 ${udp} typ`, ` ${host} ${relayPort} typ`);
				return c.includes(` ${udp} typ`) ? null : c;
			};
			const lines = (sdp: string, keep: (l: string) => string | null) =>
				sdp
					.split('\r\n')
					.map((l) => (l.startsWith('a=candidate') ? keep(l) : l))
					.filter((l): l is string => l !== null)
					.join('\r\n');
			type Method = (this: RTCPeerConnection, ...a: unknown[]) => unknown;
			const proto = RTCPeerConnection.prototype;
			const methods = proto as unknown as Record<string, Method>;
			const wrap = (name: string, make: (original: Method) => Method) => {
				methods[name] = make(methods[name]);
			};
			wrap(
				'addIceCandidate',
				(original) =>
					function (c, ...rest) {
						const init = c as RTCIceCandidateInit | null | undefined;
						if (!init?.candidate) return original.call(this, c, ...rest);
						const candidate = rewrite(init.candidate);
						return candidate ? original.call(this, { ...init, candidate }) : Promise.resolve();
					}
			);
			wrap(
				'setRemoteDescription',
				(original) =>
					function (d, ...rest) {
						const desc = d as RTCSessionDescriptionInit | undefined;
						if (!desc?.sdp) return original.call(this, d, ...rest);
						const sdp = lines(desc.sdp, (l) => {
							const c = rewrite(l.slice(2));
							return c && `a=${c}`;
						});
						return original.call(this, { type: desc.type, sdp });
					}
			);
			for (const name of ['createOffer', 'createAnswer'])
				wrap(
					name,
					(original) =>
						async function (...a) {
							const d = (await original.apply(this, a)) as RTCSessionDescriptionInit;
							return { type: d.type, sdp: lines(d.sdp ?? '', () => null) };
						}
				);
			// End of gathering (a null candidate) still gets through; the candidates do not.
			const ownOnly = (fn: (e: Event) => void) => (e: Event) => {
				if (!(e as RTCPeerConnectionIceEvent).candidate) fn(e);
			};
			const handler = Object.getOwnPropertyDescriptor(proto, 'onicecandidate')!;
			Object.defineProperty(proto, 'onicecandidate', {
				configurable: true,
				get() {
					return handler.get!.call(this);
				},
				set(fn) {
					handler.set!.call(this, fn && ownOnly(fn.bind(this)));
				}
			});
			wrap(
				'addEventListener',
				(original) =>
					function (type, fn, ...rest) {
						const wrapped = type === 'icecandidate' ? ownOnly(fn as (e: Event) => void) : fn;
						return original.call(this, type, wrapped, ...rest);
					}
			);
		},
		{ udp: liveKitUdpPort, relayPort: relay.port, host: interfaceAddress() }
	);
}

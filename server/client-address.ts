import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';
import { ConfigError } from '../src/lib/server/config';

/**
 * The header through which the address computed here reaches SvelteKit's `getClientAddress`
 * (adapter-node reads it because `ADDRESS_HEADER` names it). The server sets it on every request
 * it hands to SvelteKit, replacing whatever a client sent under that name.
 */
export const CLIENT_ADDRESS_HEADER = 'x-ocop-client-address';

/** What an http request and an upgrade request both have. */
export interface AddressedRequest {
	socket: { remoteAddress?: string };
	headers: IncomingHttpHeaders;
}

// WHATWG URL parsing writes IPv6 canonically, and an IPv4-mapped address in hex.
const MAPPED = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/;

/**
 * One spelling per address, so that one client is one bucket: ports and brackets dropped,
 * IPv6 in its canonical compressed lower-case form, IPv4-mapped IPv6 (what a dual-stack socket
 * reports for an IPv4 peer) as plain IPv4. Anything that is not an IP address gives null.
 */
export function normalizeAddress(raw: string | undefined): string | null {
	let value = raw?.trim();
	if (!value) return null;
	const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(value);
	if (bracketed) value = bracketed[1];
	else if (/^[\d.]+:\d{1,5}$/.test(value)) value = value.slice(0, value.indexOf(':'));
	const family = isIP(value);
	if (family === 4) return value;
	if (family !== 6) return null;
	// A zone (fe80::1%eth0) names an interface of this machine, not part of the address.
	const zone = value.indexOf('%');
	let v6: string;
	try {
		v6 = new URL(`http://[${zone < 0 ? value : value.slice(0, zone)}]/`).hostname.slice(1, -1);
	} catch {
		return null;
	}
	const mapped = MAPPED.exec(v6);
	if (!mapped) return v6;
	const [hi, lo] = [parseInt(mapped[1], 16), parseInt(mapped[2], 16)];
	return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/**
 * The address a request comes from, for limits kept per address.
 *
 * `trustedProxies` is the number of reverse proxies in front of the app that each append the
 * address they saw to X-Forwarded-For (config `TRUST_PROXY`). With none, headers are ignored:
 * anyone can send X-Forwarded-For, so only the socket's peer counts. With n, the n-th entry from
 * the right is the address the outermost of our proxies saw; entries left of it were written by
 * the client and are never read. A missing, empty or malformed header, or a chosen entry that is
 * not an IP address, falls back to the socket's peer (the proxy): a shared bucket, never one the
 * client chose. Fewer entries than proxies means the request skipped the outer ones; the
 * left-most entry is then the address the first proxy it met saw.
 */
export function clientAddress(req: AddressedRequest, trustedProxies: number): string {
	const peer = normalizeAddress(req.socket.remoteAddress) ?? 'unknown';
	if (trustedProxies < 1) return peer;
	const header = req.headers['x-forwarded-for'];
	const value = Array.isArray(header) ? header.join(',') : header;
	if (!value) return peer;
	const entries = value.split(',');
	return normalizeAddress(entries[Math.max(0, entries.length - trustedProxies)]) ?? peer;
}

/**
 * Points adapter-node's `getClientAddress` at `CLIENT_ADDRESS_HEADER`, before its handler is
 * loaded. Its own variables would be a second, spoofable way to pick the address (and it answers
 * 500 when their header is missing), so an operator who sets them is told to use TRUST_PROXY.
 */
export function routeClientAddress(env: Record<string, string | undefined> = process.env): void {
	const ours = { ADDRESS_HEADER: CLIENT_ADDRESS_HEADER, XFF_DEPTH: undefined };
	for (const [name, value] of Object.entries(ours))
		if (env[name] && env[name] !== value)
			throw new ConfigError(name, 'is not used by this app; set TRUST_PROXY instead (README)');
	env.ADDRESS_HEADER = CLIENT_ADDRESS_HEADER;
}

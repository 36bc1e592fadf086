import { describe, expect, it } from 'vitest';
import {
	CLIENT_ADDRESS_HEADER,
	clientAddress,
	normalizeAddress,
	routeClientAddress,
	type AddressedRequest
} from '../../server/client-address';
import { ConfigError, loadConfig } from '../../src/lib/server/config';

const PROXY = '10.0.0.5';

/** `peer` null: a socket that already closed has no remote address. */
function req(xff?: string | string[], peer: string | null = PROXY): AddressedRequest {
	return {
		socket: { remoteAddress: peer ?? undefined },
		headers: xff === undefined ? {} : { 'x-forwarded-for': xff }
	};
}

describe('normalizeAddress', () => {
	it.each([
		['203.0.113.7', '203.0.113.7'],
		['  203.0.113.7 ', '203.0.113.7'],
		['203.0.113.7:51234', '203.0.113.7'],
		['::ffff:203.0.113.7', '203.0.113.7'],
		['::FFFF:CB00:7107', '203.0.113.7'],
		['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
		['[2001:db8::1]', '2001:db8::1'],
		['[2001:db8::1]:443', '2001:db8::1'],
		['fe80::1%eth0', 'fe80::1'],
		['::1', '::1']
	])('%j is %j', (raw, expected) => expect(normalizeAddress(raw)).toBe(expected));

	it.each([
		undefined,
		'',
		'   ',
		'unknown',
		'_hidden',
		'evil.example',
		'203.0.113.7, 10.0.0.1',
		'203.0.113.256',
		'010.0.0.1',
		'1.2.3.4:',
		'[1.2.3.4]x',
		'[::1',
		'<script>',
		'1.2.3.4\u0000'
	])('%j is not an address', (raw) => expect(normalizeAddress(raw)).toBeNull());
});

describe('clientAddress', () => {
	it('ignores every header when no proxy is trusted', () => {
		for (const xff of ['203.0.113.7', '1.1.1.1, 203.0.113.7', ['a', 'b'], ''])
			expect(clientAddress(req(xff), 0)).toBe(PROXY);
		expect(clientAddress(req(undefined, '::ffff:192.0.2.1'), 0)).toBe('192.0.2.1');
	});

	it('takes the entry our proxy appended, never one the client wrote', () => {
		expect(clientAddress(req('203.0.113.7'), 1)).toBe('203.0.113.7');
		// nginx's $proxy_add_x_forwarded_for appends to whatever the client sent.
		expect(clientAddress(req('6.6.6.6, 7.7.7.7, 203.0.113.7'), 1)).toBe('203.0.113.7');
		expect(clientAddress(req('garbage,,, 203.0.113.7'), 1)).toBe('203.0.113.7');
		// A repeated header arrives as one list (node joins it); an array is read the same way.
		expect(clientAddress(req(['6.6.6.6', '203.0.113.7']), 1)).toBe('203.0.113.7');
		expect(clientAddress(req('2001:db8::1'), 1)).toBe('2001:db8::1');
		expect(clientAddress(req('[2001:db8::1]:5000'), 1)).toBe('2001:db8::1');
	});

	it('counts hops from the right with more proxies', () => {
		// client → CDN (appends the client) → nginx (appends the CDN) → app
		const chain = '6.6.6.6, 203.0.113.7, 198.51.100.20';
		expect(clientAddress(req(chain), 1)).toBe('198.51.100.20');
		expect(clientAddress(req(chain), 2)).toBe('203.0.113.7');
		expect(clientAddress(req(chain), 3)).toBe('6.6.6.6');
		// Fewer entries than proxies: the request met only the inner ones.
		expect(clientAddress(req('203.0.113.7'), 2)).toBe('203.0.113.7');
	});

	it('falls back to the socket peer on a missing, empty or malformed entry', () => {
		for (const xff of [
			undefined,
			'',
			' ',
			',',
			'203.0.113.7,',
			'203.0.113.7, unknown',
			'x'.repeat(9000)
		])
			expect(clientAddress(req(xff), 1)).toBe(PROXY);
		expect(clientAddress(req([]), 1)).toBe(PROXY);
		expect(clientAddress(req('203.0.113.7', null), 0)).toBe('unknown');
		expect(clientAddress(req(undefined, null), 1)).toBe('unknown');
	});
});

describe('TRUST_PROXY', () => {
	const hops = (value: string) => loadConfig({ TRUST_PROXY: value }).trustProxy;

	it('is a flag or a number of proxies', () => {
		expect(loadConfig({}).trustProxy).toBe(0);
		expect(['', 'false', 'no', 'off', '0'].map(hops)).toEqual([0, 0, 0, 0, 0]);
		expect(['true', 'TRUE', 'yes', 'on', '1', ' 1 '].map(hops)).toEqual([1, 1, 1, 1, 1, 1]);
		expect(['2', '5'].map(hops)).toEqual([2, 5]);
	});

	it.each(['maybe', '6', '-1', '1.5', 'x-forwarded-for'])('refuses %j', (value) => {
		expect(() => hops(value)).toThrow(ConfigError);
		expect(() => hops(value)).toThrow(/^TRUST_PROXY: must be/);
	});
});

describe('routeClientAddress', () => {
	it("points adapter-node at the server's header and refuses its own variables", () => {
		const env: Record<string, string | undefined> = {};
		routeClientAddress(env);
		expect(env.ADDRESS_HEADER).toBe(CLIENT_ADDRESS_HEADER);
		routeClientAddress(env); // idempotent
		expect(() => routeClientAddress({ ADDRESS_HEADER: 'x-forwarded-for' })).toThrow(
			/^ADDRESS_HEADER: is not used by this app; set TRUST_PROXY/
		);
		expect(() => routeClientAddress({ XFF_DEPTH: '2' })).toThrow(/^XFF_DEPTH:/);
	});
});

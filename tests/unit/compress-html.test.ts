import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { acceptsGzip, compressHtml } from '../../src/lib/server/compress-html';

const PAGE = `<!doctype html><html><body>${'<label><input type="radio"> Phần A</label>'.repeat(400)}</body></html>`;

interface Ask {
	encoding?: string;
	type?: string;
	body?: string;
	method?: string;
	xCache?: string;
}

async function answer(opts: Ask = {}): Promise<Response> {
	const body = opts.body ?? PAGE;
	const request = new Request('http://app.test/sittings/s/items/i/score', {
		method: opts.method ?? 'GET',
		headers: opts.encoding === undefined ? {} : { 'accept-encoding': opts.encoding }
	});
	const resolve = async () =>
		new Response(opts.method === 'HEAD' ? null : body, {
			headers: {
				'content-type': opts.type ?? 'text/html',
				'content-length': String(Buffer.byteLength(body)),
				etag: '"1tuikk4"',
				'set-cookie': 'ocop_session=abc; Path=/; HttpOnly',
				...(opts.xCache ? { 'x-cache': opts.xCache } : {})
			}
		});
	return compressHtml({
		event: { request } as RequestEvent,
		resolve: resolve as never
	}) as Promise<Response>;
}

describe('pages sent gzip-compressed', () => {
	it('a page to a browser that takes gzip: the same bytes once decoded, far fewer sent', async () => {
		const r = await answer({ encoding: 'gzip, deflate, br' });
		expect(r.headers.get('content-encoding')).toBe('gzip');
		expect(r.headers.get('content-length')).toBeNull();
		expect(r.headers.get('vary')).toMatch(/accept-encoding/i);
		// What SvelteKit compares a revalidation with, and the session cookie, untouched.
		expect(r.headers.get('etag')).toBe('"1tuikk4"');
		expect(r.headers.getSetCookie()).toEqual(['ocop_session=abc; Path=/; HttpOnly']);
		const sent = Buffer.from(await r.arrayBuffer());
		expect(gunzipSync(sent).toString()).toBe(PAGE);
		expect(sent.byteLength).toBeLessThan(Buffer.byteLength(PAGE) / 10);
	});

	it.each([
		['no accept-encoding', { encoding: undefined }],
		['gzip refused with q=0', { encoding: 'gzip;q=0, br' }],
		['only br', { encoding: 'br' }],
		['not a page (a PDF)', { encoding: 'gzip', type: 'application/pdf' }],
		['a page under a kilobyte', { encoding: 'gzip', body: '<p>ok</p>' }],
		['a HEAD request', { encoding: 'gzip', method: 'HEAD' }],
		// Its later readers get the stored bytes from the entry point, past the hooks.
		['a public page kept in memory, to its first reader', { encoding: 'gzip', xCache: 'miss' }]
	] as [string, Ask][])('sent as it is: %s', async (_, opts) => {
		const r = await answer(opts);
		expect(r.headers.get('content-encoding')).toBeNull();
		if (opts.method !== 'HEAD') expect(await r.text()).toBe(opts.body ?? PAGE);
	});

	it.each([
		['gzip', true],
		['GZIP', true],
		['deflate, gzip;q=0.5', true],
		['*', true],
		['identity', false],
		['gzip;q=0', false],
		['gzip; q=0.0', false],
		['xgzip', false],
		['', false]
	])('accept-encoding %j takes gzip: %s', (header, expected) => {
		expect(acceptsGzip(header)).toBe(expected);
	});
});

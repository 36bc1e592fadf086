import { request } from 'node:http';

export interface HttpAnswer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

/**
 * One http request sent from a chosen loopback address (127.0.0.x), so a test can be two
 * clients the server tells apart by address, as it would behind no proxy. fetch cannot pick
 * its source address; node:http can.
 */
export function httpFrom(
	localAddress: string,
	url: string,
	init: { method?: string; headers?: Record<string, string>; body?: string } = {}
): Promise<HttpAnswer> {
	return new Promise((resolve, reject) => {
		const req = request(
			url,
			{
				method: init.method ?? 'GET',
				// As a browser does; without it SvelteKit does not answer a form post with its page.
				headers: { accept: 'text/html', ...init.headers },
				localAddress
			},
			(res) => {
				let body = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => (body += chunk));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
			}
		);
		req.on('error', reject);
		req.end(init.body);
	});
}

/** A form post as a browser sends it (the Origin passes SvelteKit's CSRF check). */
export function postForm(
	localAddress: string,
	url: string,
	fields: Record<string, string>,
	headers: Record<string, string> = {}
): Promise<HttpAnswer> {
	return httpFrom(localAddress, url, {
		method: 'POST',
		headers: {
			origin: new URL(url).origin,
			'content-type': 'application/x-www-form-urlencoded',
			...headers
		},
		body: new URLSearchParams(fields).toString()
	});
}

import type { Handle } from '@sveltejs/kit';

// The built scripts and styles are served gzip-compressed from disk (adapter-node's precompress);
// the pages themselves were not. A member's scorecard is 108 KB of HTML (the whole form, every
// option, and its data for the script), which took half a second of a phone's 4G link before
// anything showed; gzip sends it in 12. Pages under a kilobyte are not worth the header.
const MIN_BYTES = 1024;

/** Whether the client takes gzip: named (or `*`) without q=0. */
export function acceptsGzip(header: string | null): boolean {
	if (!header) return false;
	return header.split(',').some((part) => {
		const [name, ...params] = part.split(';').map((p) => p.trim().toLowerCase());
		if (name !== 'gzip' && name !== '*') return false;
		const q = params.find((p) => p.startsWith('q='));
		return q === undefined || Number(q.slice(2)) > 0;
	});
}

/**
 * Pages answered gzip-compressed to a client that takes it. Outermost hook: it sees the page
 * as finished, headers and all. The public pages kept in memory (an `x-cache` answer) are left
 * as they are: the entry point (server/public-pages.ts) replays them without the hooks, so their
 * first reader gets the same bytes and headers as every later one.
 */
export const compressHtml: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const headers = response.headers;
	const length = Number(headers.get('content-length') ?? Infinity);
	if (
		event.request.method !== 'GET' ||
		!response.body ||
		!(headers.get('content-type') ?? '').startsWith('text/html') ||
		headers.has('content-encoding') ||
		headers.has('x-cache') ||
		length < MIN_BYTES ||
		!acceptsGzip(event.request.headers.get('accept-encoding'))
	)
		return response;
	headers.set('content-encoding', 'gzip');
	headers.delete('content-length');
	headers.append('vary', 'Accept-Encoding');
	// The ETag stays as SvelteKit made it: it compares a revalidation's If-None-Match with it
	// after this hook, and a 304 carries no body to be encoded either way.
	return new Response(response.body.pipeThrough(new CompressionStream('gzip')), {
		status: response.status,
		statusText: response.statusText,
		headers
	});
};

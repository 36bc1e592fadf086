// A request that carries no file is refused at the entry point when its body is over
// MAX_FORM_BYTES, before SvelteKit parses it: parsing a form takes time on the event loop in
// proportion to its fields, and one anonymous sign-in post of 11 MB (`a=1&a=1…`, 2.7 million
// fields) held it for six seconds, every live sitting with it. Files arrive only at FILE_PATHS,
// which keep BODY_SIZE_LIMIT.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../src/lib/server/context';
import {
	bodySizeLimit,
	FILE_PATHS,
	MAX_FORM_BYTES,
	megabytes
} from '../src/lib/server/uploads/limits';
import { sendEntryRefusal } from './entry-refusal';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The path SvelteKit will route: adapter-node reads the origin followed by `req.url` as a URL,
 * which resolves dot segments (`%2e` ones too), and the router then decodes it. Judged on the
 * raw path, `/files/upload/../../login` kept the upload limit and reached the sign-in action.
 * Null when SvelteKit would not route it either (a malformed escape).
 */
function routedPath(url: string): string | null {
	try {
		const { pathname } = new URL(`http://entry${url.startsWith('/') ? url : `/${url}`}`);
		return pathname.split('%25').map(decodeURI).join('%25');
	} catch {
		return null;
	}
}

function mayCarryFiles(url: string): boolean {
	const path = routedPath(url);
	return path !== null && FILE_PATHS.some((p) => path === p || path.startsWith(`${p}/`));
}

/** Whether the body is over the form limit: by its length, or unknown (chunked) and so unbounded. */
function tooLarge(req: IncomingMessage): boolean {
	const length = req.headers['content-length'];
	if (length === undefined) return req.headers['transfer-encoding'] !== undefined;
	const n = Number(length);
	return !Number.isFinite(n) || n > MAX_FORM_BYTES;
}

/** Answers 413 naming the limit, in the reader's language, and returns true; else false. */
export function refuseLargeForm(
	req: IncomingMessage,
	res: ServerResponse,
	ctx: AppContext,
	own: string
): boolean {
	if (!WITH_BODY.has(req.method ?? 'GET') || mayCarryFiles(req.url ?? '/') || !tooLarge(req))
		return false;
	sendEntryRefusal(req, res, ctx, own, 413, 'errors.tooLarge', {
		limit: megabytes(MAX_FORM_BYTES)
	});
	// Discarded unparsed (cheap), so the client reads the answer; never more than the server
	// would read at all.
	let read = 0;
	req.on('data', (chunk: Buffer) => {
		read += chunk.length;
		if (read > bodySizeLimit()) req.destroy();
	});
	return true;
}

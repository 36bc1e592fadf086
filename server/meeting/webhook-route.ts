import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../../src/lib/server/context';
import { handleLiveKitWebhook } from '../../src/lib/server/livekit/webhook';
import { sendAttendance } from './broadcast';
import { ioFor } from './context';

export const WEBHOOK_PATH = '/livekit/webhook';
const MAX_BODY = 64 * 1024;

function readRaw(req: IncomingMessage): Promise<string | null> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (c: Buffer) => {
			size += c.length;
			if (size > MAX_BODY) {
				resolve(null);
				req.destroy();
			} else chunks.push(c);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', () => resolve(null));
	});
}

function reply(res: ServerResponse, status: number): void {
	res.writeHead(status, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
	res.end(status === 200 ? 'ok' : status === 401 ? 'unauthorized' : 'bad request');
}

/**
 * POST /livekit/webhook, before SvelteKit's handler: the signature covers the raw body, so it
 * must be read untouched. Returns false for any other request.
 */
export function livekitWebhookRoute(
	ctx: AppContext,
	req: IncomingMessage,
	res: ServerResponse
): boolean {
	const path = req.url?.split('?')[0];
	if (path !== WEBHOOK_PATH) return false;
	if (req.method !== 'POST') {
		res.writeHead(405, { allow: 'POST' }).end();
		return true;
	}
	void (async () => {
		const body = await readRaw(req);
		if (body === null) return reply(res, 400);
		try {
			const outcome = await handleLiveKitWebhook(
				ctx.db,
				ctx.config.livekit,
				body,
				req.headers.authorization,
				ctx.now()
			);
			const io = ioFor(ctx);
			if (outcome.sittingId && io) sendAttendance({ ctx, io }, outcome.sittingId);
			reply(res, outcome.status);
		} catch (e) {
			console.error('LiveKit webhook failed', e);
			reply(res, 500);
		}
	})();
	return true;
}

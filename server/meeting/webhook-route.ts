import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleLiveKitWebhook, WebhookEvents } from '../../src/lib/server/livekit/webhook';
import type { LiveSitting } from '../live-sitting';

export const WEBHOOK_PATH = '/livekit/webhook';
const MAX_BODY = 64 * 1024;

function readRaw(req: IncomingMessage): Promise<string | null> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY) {
				resolve(null);
				req.destroy();
			} else chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', () => resolve(null));
	});
}

function reply(res: ServerResponse, status: number): void {
	res.writeHead(status, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
	res.end(status === 200 ? 'ok' : status === 401 ? 'unauthorized' : 'bad request');
}

export type WebhookRoute = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * POST /livekit/webhook, before SvelteKit's handler: the signature covers the raw body, so it
 * must be read untouched. The route answers with the live sitting it is given, so attendance
 * reaches the sitting's room whether or not any socket has connected since the start. Returns
 * false for any other request.
 */
export const livekitWebhookRoute =
	(sitting: LiveSitting, events = new WebhookEvents()): WebhookRoute =>
	(req, res) => {
		const { ctx } = sitting;
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
					ctx.now(),
					events
				);
				if (outcome.sittingId) sitting.sendAttendance(outcome.sittingId);
				reply(res, outcome.status);
			} catch (e) {
				console.error('LiveKit webhook failed', e);
				reply(res, 500);
			}
		})();
		return true;
	};

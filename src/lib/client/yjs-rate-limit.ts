// What a Yjs connection does when the server closes it for sending too fast: y-websocket takes
// every 44xx close as final and stops, so we wait and reconnect ourselves, waiting longer each
// time it happens again soon. Nothing is lost: on reconnect the sync carries every change the
// server did not take.
import type { WebsocketProvider } from 'y-websocket';
import { CLOSE } from '$lib/protocol/close-codes';

export interface LimitBackoff {
	firstMs: number;
	maxMs: number;
	/** A limit this long after the previous one starts again from `firstMs`. */
	resetAfterMs: number;
}

export const LIMIT_BACKOFF: LimitBackoff = { firstMs: 5_000, maxMs: 60_000, resetAfterMs: 120_000 };

/** The wait after a limit: doubled while limits keep coming, back to the first after a calm. */
export function nextLimitDelay(
	previousMs: number,
	sincePreviousMs: number,
	backoff: LimitBackoff
): number {
	if (previousMs <= 0 || sincePreviousMs > backoff.resetAfterMs) return backoff.firstMs;
	return Math.min(backoff.maxMs, previousMs * 2);
}

export const isRateLimited = (close: { code: number }) => close.code === CLOSE.rateLimited;

/**
 * Reconnects `provider` after a back-off when the server closes it as rate-limited. `onChange`
 * gets the wait in milliseconds while paused, and null once connected again. Returns a stop
 * function for `destroy`.
 */
export function retryWhenLimited(
	provider: WebsocketProvider,
	onChange: (waitMs: number | null) => void,
	backoff: LimitBackoff = LIMIT_BACKOFF
): () => void {
	let timer: ReturnType<typeof setTimeout> | null = null;
	let delay = 0;
	let at = 0;
	const onClosed = (close: { code: number }) => {
		if (!isRateLimited(close)) return;
		const now = Date.now();
		delay = nextLimitDelay(delay, now - at, backoff);
		at = now;
		onChange(delay);
		if (timer) clearTimeout(timer);
		timer = setTimeout(() => {
			timer = null;
			provider.connect();
		}, delay);
	};
	// Connected again, by the timer or by an explicit connect() from the page: no longer paused.
	const onStatus = ({ status }: { status: string }) => {
		if (status !== 'connected') return;
		if (timer) clearTimeout(timer);
		timer = null;
		onChange(null);
	};
	provider.on('closed', onClosed);
	provider.on('status', onStatus);
	return () => {
		if (timer) clearTimeout(timer);
		provider.off('closed', onClosed);
		provider.off('status', onStatus);
	};
}

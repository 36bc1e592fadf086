/**
 * A token bucket: `capacity` commands at once, refilled at `perSecond`. Pure (time comes in),
 * so the same rule serves any transport and tests need no clock.
 */
export interface Bucket {
	tokens: number;
	at: number;
}

export function takeToken(
	bucket: Bucket,
	now: number,
	capacity: number,
	perSecond: number
): boolean {
	bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
	bucket.at = now;
	if (bucket.tokens < 1) return false;
	bucket.tokens -= 1;
	return true;
}

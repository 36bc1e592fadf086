import { withLiveKitOrigin } from './csp';

/**
 * The headers every answer carries. Applied by the outermost hook, and once more to a public
 * page before it is stored (public-cache.ts): the entry point replays stored pages without
 * running the hooks, so what it replays must already be complete. Setting twice is harmless.
 */
export function applySecurityHeaders(
	h: Headers,
	options: { livekitUrl: string | null; dev: boolean; signedIn: boolean }
): void {
	h.set('X-Content-Type-Options', 'nosniff');
	h.set('Referrer-Policy', 'same-origin');
	h.set('X-Frame-Options', 'DENY');
	h.set(
		'Permissions-Policy',
		'camera=(self), microphone=(self), display-capture=(self), geolocation=()'
	);
	h.set('Cross-Origin-Opener-Policy', 'same-origin');
	const csp = h.get('Content-Security-Policy');
	if (options.livekitUrl && csp)
		h.set('Content-Security-Policy', withLiveKitOrigin(csp, options.livekitUrl));
	if (!options.dev) h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
	// Personal pages must not be kept by shared caches.
	if (options.signedIn && !h.has('Cache-Control')) h.set('Cache-Control', 'private, no-store');
}

import { describe, expect, it } from 'vitest';
import { liveKitHttpOrigin, withLiveKitOrigin } from '../../src/lib/server/csp';

const POLICY =
	"default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data: blob:; object-src 'none'";

describe('the LiveKit origin in the page policy', () => {
	it('derives the http(s) origin of the LiveKit server, with its port', () => {
		expect(liveKitHttpOrigin('ws://127.0.0.1:7880')).toBe('http://127.0.0.1:7880');
		expect(liveKitHttpOrigin('wss://video.ocop.gov.vn/rtc')).toBe('https://video.ocop.gov.vn');
		expect(liveKitHttpOrigin('https://video.ocop.gov.vn')).toBe('https://video.ocop.gov.vn');
		expect(liveKitHttpOrigin('ftp://x')).toBeNull();
		expect(liveKitHttpOrigin('not a url')).toBeNull();
	});

	it('adds it to connect-src only, once', () => {
		const once = withLiveKitOrigin(POLICY, 'wss://video.ocop.gov.vn');
		expect(once).toBe(
			"default-src 'self'; connect-src 'self' ws: wss: https://video.ocop.gov.vn; img-src 'self' data: blob:; object-src 'none'"
		);
		expect(withLiveKitOrigin(once, 'wss://video.ocop.gov.vn')).toBe(once);
	});

	it('leaves the policy as it is for a URL it cannot read', () => {
		expect(withLiveKitOrigin(POLICY, 'javascript:alert(1)')).toBe(POLICY);
		// A policy without connect-src gains none (default-src governs it).
		expect(withLiveKitOrigin("default-src 'self'", 'ws://h:1')).toBe("default-src 'self'");
	});
});

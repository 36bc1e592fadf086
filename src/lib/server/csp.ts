// livekit-client also speaks HTTP to its server (the region and validation checks on every
// (re)connection), while the build-time policy allows only ws:/wss:. The server's own http(s)
// origin, derived from LIVEKIT_URL at run time, is added to connect-src; nothing wider.

export function liveKitHttpOrigin(livekitUrl: string): string | null {
	try {
		const u = new URL(livekitUrl);
		const protocol =
			u.protocol === 'ws:' || u.protocol === 'http:'
				? 'http:'
				: u.protocol === 'wss:' || u.protocol === 'https:'
					? 'https:'
					: null;
		return protocol ? `${protocol}//${u.host}` : null;
	} catch {
		return null;
	}
}

/** The policy with the LiveKit origin in connect-src; unchanged when it is there or absent. */
export function withLiveKitOrigin(policy: string, livekitUrl: string): string {
	const origin = liveKitHttpOrigin(livekitUrl);
	if (!origin) return policy;
	return policy
		.split(';')
		.map((directive) => {
			const parts = directive.trim().split(/\s+/);
			if (parts[0] !== 'connect-src' || parts.includes(origin)) return directive;
			return ` ${[...parts, origin].join(' ')}`;
		})
		.join(';')
		.trim();
}

// What the public pages show about the chain: its signed head (so that a removed last record is
// visible to anyone who noted it) and the issuing body's public key, to check bundles with.

import { databaseFileOf, latestChainHead } from '../chain-head';
import type { Q } from '../db/client';
import { loadSigningKey } from '../signing';

export const PUBLIC_KEY_PATH = '/.well-known/ocop-signing-key.pem';

export interface ChainInfo {
	head: { seq: number; hash: string; at: number; signature: string } | null;
	fingerprint: string;
	keyPath: string;
}

export function chainInfo(db: Q): ChainInfo {
	const head = latestChainHead(db);
	return {
		head: head && { seq: head.seq, hash: head.hash, at: head.at, signature: head.signature },
		fingerprint: loadSigningKey(databaseFileOf(db)).fingerprint,
		keyPath: PUBLIC_KEY_PATH
	};
}

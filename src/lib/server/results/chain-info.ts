// What the public pages show about the chain: its signed head (so that a removed last record is
// visible to anyone who noted it) and the issuing body's public key, to check bundles with.

import { recordHash, type LockedRecord } from '../../domain/result-record';
import { databaseFileOf, headSignatureValid, latestChainHead, readHeadLog } from '../chain-head';
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

/**
 * Whether one record is as locked: its content matches its hash, and a head signed with this
 * deployment's key at locking names that hash. Cheap enough for every detail page, so a reader
 * sees an edited record before anyone runs `ocop chain`.
 */
export function recordIntact(db: Q, record: LockedRecord): boolean {
	const { prevHash, hash, ...body } = record;
	if (recordHash(prevHash, body) !== hash) return false;
	const file = databaseFileOf(db);
	const key = loadSigningKey(file);
	return readHeadLog(file).heads.some(
		(h) => h.seq === record.seq && h.hash === hash && headSignatureValid(h, key.publicKey)
	);
}

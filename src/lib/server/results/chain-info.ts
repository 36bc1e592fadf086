// What the public pages show about the chain: its signed head (so that a removed last record is
// visible to anyone who noted it) and the issuing body's public key, to check bundles with.

import { createHash } from 'node:crypto';
import { recordHashInput, type LockedRecord } from '../../domain/result-record';
import { databaseFileOf, latestChainHead, signedHeadNames } from '../chain-head';
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
 * Whether a record's content matches its hash, by seq: the digest of the row's stored text and
 * the verdict. Re-hashing a record means writing its canonical JSON, most of a product page's
 * cost; the stored text's digest (native SHA-256, microseconds) tells whether the row is the one
 * already checked, so a row changed in the database in any way is checked again.
 */
const contentVerdicts = new Map<number, { digest: string; ok: boolean }>();

/** The domain's `recordHash` with Node's native SHA-256 (the same bytes, hashed in C++). */
function nativeRecordHash(record: LockedRecord): string {
	const { prevHash, hash: _hash, ...body } = record;
	return createHash('sha256').update(recordHashInput(prevHash, body)).digest('hex');
}

function contentIntact(record: LockedRecord, stored: string | undefined): boolean {
	const hash = record.hash;
	if (stored === undefined) return nativeRecordHash(record) === hash;
	const digest = createHash('sha256').update(stored).digest('base64');
	const known = contentVerdicts.get(record.seq);
	if (known?.digest === digest) return known.ok;
	const ok = nativeRecordHash(record) === hash;
	contentVerdicts.set(record.seq, { digest, ok });
	return ok;
}

/**
 * Whether one record is as locked: its content matches its hash, and a head signed with this
 * deployment's key at locking names that hash. Cheap enough for every detail page, so a reader
 * sees an edited record before anyone runs `ocop chain`. `stored` is the row's text as read
 * (getResult's `stored`), which lets the content's verdict be remembered for that exact text.
 */
export function recordIntact(db: Q, record: LockedRecord, stored?: string): boolean {
	if (!contentIntact(record, stored)) return false;
	const file = databaseFileOf(db);
	return signedHeadNames(file, record, loadSigningKey(file));
}

// The JSON bundle of locked results: the records themselves, exactly as hashed (cards with
// receipts, rubric version, settings, figures, prevHash and hash), so `ocop verify` can re-check
// them offline. Two signatures of the issuing body's key let it also check who issued them (a
// forger can re-hash a changed record, but cannot sign it): each record's chain head, signed when
// it was locked, and the bundle's own, made at export. The newest chain head travels along, so a
// reader can see how long the chain was. Relative imports (CLI, tsx).

import { canonicalJson, type LockedRecord } from '../../domain/result-record';
import { databaseFileOf, readHeadLog, type ChainHead } from '../chain-head';
import type { Q } from '../db/client';
import { loadSigningKey, signText, type SigningKey } from '../signing';

export const BUNDLE_FORMAT = 'ocop-bundle/1';

export interface SignedBundle {
	format: typeof BUNDLE_FORMAT;
	records: LockedRecord[];
	/** For each record, the head signed when it was locked (missing if none was found). */
	lockHeads: ChainHead[];
	/** The newest signed chain head when the bundle was made (null before any head exists). */
	head: ChainHead | null;
	signature: { algorithm: 'Ed25519'; key: string; value: string };
}

/** The exact text the bundle signature covers. */
export function bundleSignedText(key: string, records: readonly LockedRecord[]): string {
	return canonicalJson({ format: BUNDLE_FORMAT, key, records });
}

export function signBundle(
	key: SigningKey,
	records: LockedRecord | LockedRecord[],
	heads: readonly ChainHead[]
): SignedBundle {
	const list = Array.isArray(records) ? records : [records];
	const lockHeads = list.flatMap((r) => {
		const mine = heads.filter((h) => h.seq === r.seq);
		const head = mine.find((h) => h.hash === r.hash) ?? mine.at(-1);
		return head ? [head] : [];
	});
	return {
		format: BUNDLE_FORMAT,
		records: list,
		lockHeads,
		head: heads.at(-1) ?? null,
		signature: {
			algorithm: 'Ed25519',
			key: key.fingerprint,
			value: signText(key, bundleSignedText(key.fingerprint, list))
		}
	};
}

/** A bundle signed with this deployment's key, with its current chain head. */
export function issueBundle(db: Q, records: LockedRecord | LockedRecord[]): SignedBundle {
	const file = databaseFileOf(db);
	return signBundle(loadSigningKey(file), records, readHeadLog(file).heads);
}

export function bundleJson(bundle: SignedBundle): string {
	return JSON.stringify(bundle, null, 2) + '\n';
}

export function bundleFileName(record: LockedRecord): string {
	return `ocop-result-${record.seq}-${record.hash.slice(0, 12)}.json`;
}

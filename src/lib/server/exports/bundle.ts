// The JSON bundle of a locked result: the record itself, exactly as hashed (cards with receipts,
// rubric version, settings, figures, prevHash and hash), so `ocop verify` can re-check it offline.

import type { LockedRecord } from '../../domain/result-record';

export function bundleJson(records: LockedRecord | LockedRecord[]): string {
	return JSON.stringify(records, null, 2) + '\n';
}

export function bundleFileName(record: LockedRecord): string {
	return `ocop-result-${record.seq}-${record.hash.slice(0, 12)}.json`;
}

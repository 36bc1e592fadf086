/**
 * A result's sequence number as it appears in a URL: only the canonical spelling (`/results/12`)
 * names a result. `Number()` would also read `012`, `12.0`, `1e1` and `0xc` as 12, so one page
 * would answer under endless addresses, each missing the public page cache and rendering anew.
 * Returns 0 (never a sequence number) for anything else.
 */
export function seqParam(raw: string): number {
	return /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : 0;
}

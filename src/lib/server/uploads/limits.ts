/** One evidence file at most (bytes). Keep BODY_SIZE_LIMIT of the server above this. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** All files of one dossier version together (bytes). */
export const MAX_DOSSIER_BYTES = 60 * 1024 * 1024;
/**
 * The largest body of a request that carries no file (every form but the upload endpoint's and
 * the Ministry packages'). Parsing a form costs time on the event loop in proportion to its
 * fields: 11 MB of `a=1&a=1…` held it for six seconds, live sittings with it.
 */
export const MAX_FORM_BYTES = 1024 * 1024;
/** Where a body may be as large as BODY_SIZE_LIMIT: the paths that receive files. */
export const FILE_PATHS: readonly string[] = ['/files/upload', '/office/ministry'];
/** What a stored original name may keep. */
export const MAX_NAME_LENGTH = 120;

/**
 * The largest request body the server reads, as adapter-node reads BODY_SIZE_LIMIT (bytes, or
 * with a K, M or G suffix; server/main.ts sets it). Infinity in development (no limit there).
 */
export function bodySizeLimit(raw = process.env.BODY_SIZE_LIMIT): number {
	if (!raw) return Infinity;
	const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)b?$/i.exec(raw.trim());
	if (!m) return Infinity;
	const scale = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as 'k'];
	return Number(m[1]) * scale;
}

export function megabytes(bytes: number): string {
	return String(Math.round((bytes / 1024 / 1024) * 10) / 10);
}

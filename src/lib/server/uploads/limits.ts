/** One evidence file at most (bytes). Keep BODY_SIZE_LIMIT of the server above this. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** All files of one dossier version together (bytes). */
export const MAX_DOSSIER_BYTES = 60 * 1024 * 1024;
/** What a stored original name may keep. */
export const MAX_NAME_LENGTH = 120;

export function megabytes(bytes: number): string {
	return String(Math.round((bytes / 1024 / 1024) * 10) / 10);
}

/**
 * An expected refusal; `key` is an i18n key under `dossier.` or `council.`, shown to the user.
 * A list parameter holds message keys: each is translated and the list joined ("a, b").
 */
export class DomainError extends Error {
	constructor(
		readonly key: string,
		readonly params: Record<string, string | number | string[]> = {},
		readonly status: 400 | 403 | 404 = 400
	) {
		super(key);
		this.name = 'DomainError';
	}
}

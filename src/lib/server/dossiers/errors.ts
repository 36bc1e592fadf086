/** An expected refusal; `key` is an i18n key under `dossier.` or `council.`, shown to the user. */
export class DomainError extends Error {
	constructor(
		readonly key: string,
		readonly params: Record<string, string | number> = {},
		readonly status: 400 | 403 | 404 = 400
	) {
		super(key);
		this.name = 'DomainError';
	}
}

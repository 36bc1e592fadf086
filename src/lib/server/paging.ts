export const PAGE_SIZE = 20;

export interface Paging {
	q: string;
	page: number;
	limit: number;
	offset: number;
}

/** Reads `q` and `page` from a list page's URL; nonsense falls back to the first page. */
export function pagingOf(url: URL, limit = PAGE_SIZE): Paging {
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
	const raw = Number(url.searchParams.get('page'));
	const page = Number.isInteger(raw) && raw >= 1 && raw <= 100_000 ? raw : 1;
	return { q, page, limit, offset: (page - 1) * limit };
}

export function pageCount(total: number, limit = PAGE_SIZE): number {
	return Math.max(1, Math.ceil(total / limit));
}

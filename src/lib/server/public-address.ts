// The one address under which a public page is stored. Readers reach the same page under many
// spellings (`/results/012`, `/results/12?utm=…`, filters in any order, empty form fields);
// storing each would let anyone miss the cache at will, one render per request, and fill it
// with copies. The page is filed under its canonical address only; a reader who asks for
// another spelling is sent there (one cheap redirect, then a cache hit).

import { pagingOf } from './paging';
import { filtersOf } from './results/filters';
import { seqParam } from './route-params';

/**
 * The canonical address (path and query in the one spelling the app itself links to) of a
 * cached public route's request, or null when it names nothing.
 */
export function publicAddress(
	routeId: string,
	params: Partial<Record<string, string>>,
	url: URL
): string | null {
	if (routeId === '/results/[seq]') {
		const seq = seqParam(params.seq ?? '');
		return seq ? `/results/${seq}` : null;
	}
	if (routeId === '/results') {
		const filters = filtersOf(url);
		const { page } = pagingOf(url);
		const query = new URLSearchParams();
		const put = (name: string, value: string | number | undefined) => {
			if (value !== undefined) query.set(name, String(value));
		};
		put('q', filters.q);
		put('year', filters.year);
		put('round', filters.round);
		put('level', filters.level);
		put('set', filters.setNo);
		put('stars', filters.stars);
		if (page > 1) put('page', page);
		const search = query.toString();
		return search ? `/results?${search}` : '/results';
	}
	return null;
}

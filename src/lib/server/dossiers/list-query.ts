import { DOSSIER_STATES, type DossierState } from '../../domain/dossier-state';
import { pagingOf } from '../paging';
import type { ListFilter } from './review';

/** `q`, `page` and `state` of a dossier list page. */
export function listFilterOf(url: URL): ListFilter {
	const raw = url.searchParams.get('state');
	const state = (DOSSIER_STATES as readonly string[]).includes(raw ?? '')
		? (raw as DossierState)
		: null;
	return { ...pagingOf(url), state };
}

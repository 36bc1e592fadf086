import { loadTranslator } from '$lib/i18n/load-messages';
import type { LayoutLoad } from './$types';

// The reader's messages before any page renders (on the server and in the browser); the data
// passes through unchanged, so a page's data stays plain (the sitting's panels keep it in history).
export const load: LayoutLoad = async ({ data }) => {
	await loadTranslator(data.locale);
	return data;
};

import { browser } from '$app/environment';
import { nextTask } from '$lib/client/live-start';
import { loadTranslator } from '$lib/i18n/load-messages';
import type { LayoutLoad } from './$types';

/** Whether this load has run in the browser (its first run there is the hydration's). */
let ranInBrowser = false;

// The reader's messages before any page renders (on the server and in the browser); the data
// passes through unchanged, so a page's data stays plain (the sitting's panels keep it in history).
export const load: LayoutLoad = async ({ data }) => {
	await loadTranslator(data.locale);
	// The first time in the browser, the hydration comes a task after SvelteKit's start (its
	// routes and the page's code): with the messages already there, the two were one task of
	// 70–97 ms on the scorecard here, four times that on Lighthouse's phone. Later navigations
	// do not wait.
	if (browser && !ranInBrowser) {
		ranInBrowser = true;
		await nextTask();
	}
	return data;
};

// Public pages rendered before readers ask for them. A product's page costs milliseconds of the
// app's only core to render, and on publication day hundreds are asked for at once: after a
// start (a deploy on the day) and after each change of the public facts (a publication empties
// the cache), the readers would otherwise each wait for a render in turn. The warmer asks the app
// itself for those pages, one at a time, through the same path as a reader (so a page is
// rendered, checked and filed exactly as a reader's would be, and takes its turn with live
// scoring like any render); it never serves anything itself, so it cannot serve a stale page.
//
// Which pages: at start, the list and the newest published products' pages in the default
// language; after a change, the pages that readers asked for again after they were stored
// (`staleReread`), most recent first; and, ten seconds before MAX_AGE_MS would drop it, a page
// readers asked for again since it was stored. A page nobody re-read is left cold.

import type { AppContext } from '../src/lib/server/context';
import { DEFAULT_LOCALE, LOCALE_COOKIE } from '../src/lib/i18n';
import {
	MAX_AGE_MS,
	parsePublicPageKey,
	publicGeneration,
	publicPageKey,
	vietnamDay,
	type PublicPageCache
} from '../src/lib/server/public-cache';

const POLL_MS = 1000;
/** How long before MAX_AGE_MS a re-read page is rendered again. */
const REFRESH_BEFORE_MS = 10_000;

export interface PublicWarmer {
	stop(): void;
}

function newestPublished(ctx: AppContext, limit: number): number[] {
	const rows = ctx.db.$client
		.prepare('select seq from result_publications order by published_at desc, seq desc limit ?')
		.all(limit) as { seq: number }[];
	return rows.map((r) => r.seq);
}

export function startPublicWarmer(
	ctx: AppContext,
	cache: PublicPageCache,
	baseUrl: string
): PublicWarmer {
	// A bound on the CPU a publication costs in the background (PUBLIC_WARM_PAGES).
	const max = ctx.config.publicWarmPages;
	let stopped = false;
	let timer: NodeJS.Timeout | undefined;
	let warmed: number | null = null;

	/** A page (not a data request) of today's key: one a reader can still ask for. */
	const isCurrentPage = (key: string) => {
		const k = parsePublicPageKey(key);
		return k !== null && !k.data && k.day === vietnamDay(ctx.now());
	};

	const keysToWarm = (generation: number): string[] => {
		const day = vietnamDay(ctx.now());
		if (warmed === null) {
			const paths = ['/results', ...newestPublished(ctx, max - 1).map((q) => `/results/${q}`)];
			return paths.map((pathAndSearch) =>
				publicPageKey({ locale: DEFAULT_LOCALE, day, data: false, pathAndSearch })
			);
		}
		return cache.staleReread(generation, max).filter(isCurrentPage);
	};

	const pass = async () => {
		const generation = publicGeneration(ctx.db.$client);
		const changed = generation !== warmed;
		const now = Date.now();
		// Pages already current (a reader was first) are left alone: asking for them would count
		// as a reader's read.
		const cold = changed
			? keysToWarm(generation).filter((key) => !cache.holds(key, generation, now))
			: [];
		// Pages readers keep asking for, about to be dropped for their age: rendered again now
		// rather than by the next reader after the drop.
		const ageing = new Set(
			cache
				.ageing(generation, now, MAX_AGE_MS - REFRESH_BEFORE_MS, Math.max(0, max - cold.length))
				.filter(isCurrentPage)
		);
		let rendered = 0;
		for (const key of [...cold, ...ageing]) {
			if (stopped) return;
			if (ageing.has(key)) cache.forget(key);
			const k = parsePublicPageKey(key)!;
			const headers: Record<string, string> =
				k.locale === DEFAULT_LOCALE ? {} : { cookie: `${LOCALE_COOKIE}=${k.locale}` };
			const res = await fetch(baseUrl + k.pathAndSearch, { headers });
			await res.arrayBuffer();
			if (res.headers.get('x-cache') === 'miss') rendered++;
		}
		if (changed) warmed = generation;
		// Said after a start or a change only: the refreshes for age would say it every second.
		if (changed && rendered > 0)
			console.log(`public pages: ${rendered} rendered ahead of readers (generation ${generation})`);
	};

	const loop = async () => {
		try {
			await pass();
		} catch (error) {
			// A page that fails to render fails for its reader too, who gets the error page; the
			// warmer tries again at the next change.
			if (!stopped) console.error(`public pages not rendered ahead: ${(error as Error).message}`);
		}
		if (!stopped) timer = setTimeout(() => void loop(), POLL_MS);
	};
	timer = setTimeout(() => void loop(), 0);
	return {
		stop() {
			stopped = true;
			clearTimeout(timer);
		}
	};
}

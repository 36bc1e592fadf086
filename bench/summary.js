// The JSON summary of a run and the targets of the benchmark issue, met or not.
import { KINDS, socketsPerSitting } from './servers.js';

const REFS = ['reference', 'hocuspocus'];
const key = (kind) => KINDS[kind].label.replace(/-/g, '_');
const round = (v, d = 1) =>
	v === null || v === undefined || Number.isNaN(v) ? null : Math.round(v * 10 ** d) / 10 ** d;

/** Better reference: the lower tick p99 (valid runs only), the higher max sittings. */
function better(data) {
	const refs = REFS.filter((k) => data.median[k]);
	// The lowest p99, valid or not: a run whose generator lagged (invalid) reads the server
	// slower than it is, so a slower reference's valid run in its place flattered the app (the
	// stock server's median run invalid at 10.6 ms, Hocuspocus's valid at 259 ms: "ratio 0.03").
	// The tick target then reads "not measured" (summarize).
	const usable = (r) => r && !r.failed && r.p99 !== null;
	const byP99 = refs
		.filter((k) => usable(data.median[k]))
		.sort((a, b) => data.median[a].p99 - data.median[b].p99)[0];
	const bySittings = refs
		.filter((k) => data.search?.[k])
		.sort((a, b) => data.search[b].max - data.search[a].max)[0];
	return { byP99, bySittings };
}

/** A run that timed the server: it ran, and its generator kept up (lag p99 ≤ 10 ms). */
export const measured = (r) => !r.failed && r.valid;

/**
 * The run with the median p99 among the valid ones: a run whose generator lagged (> 10 ms) timed
 * the generator, not the server, and one of five such runs was the stock server's median in a
 * full run ("not measured" with four valid runs beside it). With no valid run, the median of all,
 * which the summary then reports as not measured.
 */
export function medianRun(runs) {
	const valid = runs.filter(measured);
	const pool = valid.length > 0 ? valid : runs;
	return [...pool].sort((a, b) => (a.p99 ?? Infinity) - (b.p99 ?? Infinity))[
		(pool.length - 1) >> 1
	];
}

/**
 * The event loop's own CPU per document: the main thread's CPU in the window with PDFs, less
 * that of the run without them (the ticks), over the documents rendered.
 */
export function mainCpuPerPdf({ documents: d, median }) {
	const without = median.app?.serverMainCpuMs;
	if (!d?.pdfs?.n || d.serverMainCpuMs == null || without == null) return null;
	return (d.serverMainCpuMs - without) / d.pdfs.n;
}

/** A run that could not start because its sockets would not open (the open-file cap). */
export const stoppedByFileCap = (r) => !!r?.failed && /EMFILE|limit/.test(String(r.failed));

/**
 * The most sittings a server whose search ended at the open-file cap could hold on this machine:
 * fewer than the step whose sockets would not open, and no more than the cap allows at its
 * sockets per sitting (the process holds a few files besides, so the real ceiling is a little
 * lower still). Null when the search ended otherwise (a generator that lagged says nothing of
 * what the server could hold).
 */
export function ceiling(search, kind, data) {
	// A last run whose sockets would not open also makes the search a lower bound (`bounded`).
	const stop = search.runs.at(-1);
	if (!stoppedByFileCap(stop)) return null;
	const fd = data.versions?.fdLimit;
	const byCap = fd ? Math.floor(fd / socketsPerSitting(kind, data.cfg.N)) : Infinity;
	return Math.min(stop.sittings - 1, byCap);
}

export function summarize(data) {
	const { cfg } = data;
	const app = data.median.app;
	const { byP99, bySittings } = better(data);
	const ref = byP99 ? data.median[byP99] : null;
	const s = {
		p99_ms: round(app?.p99),
		reference: byP99 ? KINDS[byP99].label : null,
		reference_p99_ms: round(ref?.p99),
		ratio: app?.p99 && ref?.p99 ? round(app.p99 / ref.p99, 3) : null,
		reference_valid: ref ? ref.valid !== false : null,
		p99_runs_ms: data.runs.app?.map((r) => round(r.p99)) ?? null,
		// As this bench measured until December 2026: from each tick's scheduled time (load.js).
		p99_from_schedule_ms: round(app?.fromSchedule?.p99),
		reference_p99_from_schedule_ms: round(ref?.fromSchedule?.p99),
		ratio_from_schedule:
			app?.fromSchedule?.p99 && ref?.fromSchedule?.p99
				? round(app.fromSchedule.p99 / ref.fromSchedule.p99, 3)
				: null
	};
	for (const k of REFS) {
		if (!data.median[k]) continue;
		s[`reference_${key(k)}_p99_ms`] = round(data.median[k].p99);
		s[`reference_${key(k)}_p99_runs_ms`] = data.runs[k].map((r) => round(r.p99));
	}
	// The floors: a relay of each protocol doing nothing else (bench/floor-server.js).
	for (const [k, name] of [
		['floor', 'floor_app_protocol'],
		['floor-yws', 'floor_y_websocket_protocol']
	]) {
		if (!data.median[k]) continue;
		s[`${name}_p99_ms`] = round(data.median[k].p99);
		s[`${name}_p99_runs_ms`] = data.runs[k].map((r) => round(r.p99));
	}
	if (data.search) {
		s.max_sittings = data.search.app?.max ?? null;
		s.reference_max_sittings = bySittings ? data.search[bySittings].max : null;
		// The better reference's search ended at a step that could not be measured (its sockets
		// would not open under this machine's open-file cap, or its generator lagged), not at one
		// past 100 ms: its maximum is only a lower bound. (`bounded` is set by stepSearch; a run
		// saved before it has the search's last run to tell.)
		const search = bySittings ? data.search[bySittings] : null;
		s.reference_max_sittings_lower_bound = search
			? (search.bounded ?? !measured(search.runs.at(-1)))
			: null;
		s.reference_max_sittings_ceiling = search ? ceiling(search, bySittings, data) : null;
		for (const k of REFS)
			if (data.search[k]) s[`reference_${key(k)}_max_sittings`] = data.search[k].max;
	}
	if (data.closing) {
		const p = data.closing.probe;
		Object.assign(s, {
			close_p99_ms: round(p?.close?.p99),
			close_p50_ms: round(p?.close?.p50),
			submit_p99_ms: round(p?.submit?.p99),
			p99_ms_with_closing: round(data.closing.p99)
		});
	}
	if (data.publication) {
		s.publication = data.publication.map((r, k) => ({
			rate: r.reads?.rate ?? null,
			tick_p99_ms: round(r.p99),
			tick_p99_runs_ms: (data.publicationRuns?.[k] ?? [r]).map((x) => round(x.p99)),
			list_p50_ms: round(r.reads?.list?.p50),
			list_p99_ms: round(r.reads?.list?.p99),
			product_p50_ms: round(r.reads?.product?.p50),
			product_p99_ms: round(r.reads?.product?.p99),
			errors: r.reads?.error
				? r.reads.error
				: (r.reads?.list?.errors ?? 0) + (r.reads?.product?.errors ?? 0),
			valid: r.valid
		}));
		s.static_throughput_fraction = round(data.anchor?.ratio, 3);
		s.app_page_per_second = round(data.anchor?.app?.perSecond, 0);
		s.nginx_page_per_second = round(data.anchor?.nginx?.perSecond, 0);
	}
	if (data.documents) {
		const d = data.documents.pdfs;
		Object.assign(s, {
			p99_ms_with_pdfs: round(data.documents.p99),
			p99_runs_ms_with_pdfs: (data.documentsRuns ?? [data.documents]).map((r) => round(r.p99)),
			pdf_p50_ms: round(d?.p50),
			pdf_p99_ms: round(d?.p99),
			pdfs_rendered: d?.n ?? null,
			main_thread_cpu_ms_per_pdf: round(mainCpuPerPdf(data)),
			pdf_errors: d?.error ? d.error : (d?.errors ?? null)
		});
	}
	if (data.lighthouse)
		s.lighthouse = Array.isArray(data.lighthouse)
			? data.lighthouse.map((p) => ({
					page: p.name,
					performance: p.performance ?? null,
					accessibility: p.accessibility ?? null,
					lcp_ms: round(p.lcpMs, 0),
					error: p.error ?? p.runtimeError ?? undefined
				}))
			: data.lighthouse;
	const scoring = data.bundles?.pages.find((p) => p.name === 'member scoring page');
	s.scoring_page_js_gzip_kib = scoring ? round(scoring.gzipKiB) : null;
	s.targets = targets(data, s, bySittings);
	s.targets_not_met = s.targets.filter((t) => t.met === false).map((t) => t.name);
	Object.assign(s, { sittings: cfg.S, members: cfg.N, quick: cfg.quick, phases: cfg.selected });
	return s;
}

/** `bySittings`: the reference that held the most sittings (better()). */
function targets(data, s, bySittings) {
	const t = [];
	const add = (name, goal, value, met) =>
		t.push({ name, goal, value, met: value === null || value === undefined ? null : met });
	// Half the reference below the app protocol's floor (bench/floor-server.js, a relay doing
	// nothing else): no server of the app's protocol reads that on this machine. Said beside the
	// goal; the target still reads as measured.
	const floor = s.floor_app_protocol_p99_ms;
	const belowFloor =
		floor != null && s.reference_p99_ms != null && floor > s.reference_p99_ms / 2
			? `; ${round(s.reference_p99_ms / 2, 2)} ms is below the app protocol's floor here, ${floor} ms`
			: '';
	if (s.ratio !== null && s.ratio !== undefined)
		add(
			'tick p99 ≤ ½ of the better reference',
			`≤ 0.5 × ${s.reference_p99_ms} ms${s.reference_valid ? '' : ` (${s.reference}'s median run generator-limited)`}${belowFloor}`,
			s.ratio,
			s.reference_valid ? s.ratio <= 0.5 : null
		);
	if (data.search && s.reference_max_sittings !== null) {
		const ratio = s.reference_max_sittings ? s.max_sittings / s.reference_max_sittings : null;
		// Against a lower bound the ratio is only an upper bound on the real one: it cannot say
		// "met" (at 400 sittings the stock server's p99 was 16 ms, nowhere near 100). When the
		// reference's sockets would not open under this machine's open-file cap, what it could
		// hold here is also bounded from above, and the app against that ceiling gives the least
		// the ratio can be: if that is 2 or more, the target is met on this machine.
		const bound = s.reference_max_sittings_lower_bound;
		const top = s.reference_max_sittings_ceiling;
		const label = KINDS[bySittings].label;
		const least = top ? s.max_sittings / top : null;
		add(
			'sittings at p99 ≤ 100 ms ≥ 2 × the better reference',
			!bound
				? `≥ 2 × ${s.reference_max_sittings}`
				: top
					? `≥ 2 × ${label}'s most on this machine: it held ${s.reference_max_sittings} and could not open the sockets of the next step (open-file cap ${data.versions.fdLimit} ÷ ${socketsPerSitting(bySittings, data.cfg.N)} sockets per sitting), so at most ${top}; the ratio shown is the app ÷ that ceiling, the least it can be`
					: `≥ 2 × ${s.reference_max_sittings} (${label}'s search stopped at a step it could not measure (generator lag), not by its p99: a lower bound)`,
			round(least ?? ratio, 2),
			!bound ? ratio >= 2 : least !== null ? least >= 2 : null
		);
	}
	const at1000 = s.publication?.find((p) => p.rate === 1000);
	if (s.publication) {
		add(
			'tick p99 ≤ 25 ms while 1,000 page views/s',
			'≤ 25 ms',
			at1000?.tick_p99_ms ?? null,
			at1000?.tick_p99_ms <= 25
		);
		add(
			'product page p99 ≤ 50 ms (1,000 views/s)',
			'≤ 50 ms',
			at1000?.product_p99_ms ?? null,
			at1000?.product_p99_ms <= 50
		);
		add(
			"≥ 25 % of nginx's static throughput",
			'≥ 0.25',
			s.static_throughput_fraction,
			s.static_throughput_fraction >= 0.25
		);
	}
	if (s.p99_ms_with_pdfs != null && s.p99_runs_ms?.length) {
		// "Unchanged within noise": no worse than the slowest of the app's own runs without PDFs.
		const noise = Math.max(...s.p99_runs_ms);
		add(
			'tick p99 with 50 PDFs rendering within the runs without them',
			`≤ ${noise} ms`,
			s.p99_ms_with_pdfs,
			s.p99_ms_with_pdfs <= noise
		);
	}
	const pages = Array.isArray(s.lighthouse) ? s.lighthouse : null;
	if (pages?.length) {
		const failed = pages.some((p) => p.error || p.performance === null);
		const lowest = (k) => Math.min(...pages.map((p) => p[k] ?? 0));
		add(
			'Lighthouse performance ≥ 98 on every page (median run)',
			'≥ 98',
			failed ? null : Math.round(lowest('performance') * 100),
			!failed && lowest('performance') >= 0.98
		);
		add(
			'Lighthouse accessibility 100 on every page',
			'100',
			failed ? null : Math.round(lowest('accessibility') * 100),
			!failed && lowest('accessibility') >= 1
		);
	}
	if (s.scoring_page_js_gzip_kib !== null)
		add(
			"member's scoring page JS ≤ 170 KiB gzip",
			'≤ 170 KiB',
			s.scoring_page_js_gzip_kib,
			s.scoring_page_js_gzip_kib <= 170
		);
	return t;
}

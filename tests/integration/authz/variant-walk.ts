// The matrix's HTTP cells walked again through spellings of their path (path-variants.ts): a
// variant may answer differently from the canonical path, but never grant more than it does
// for that role. Requests go out raw (node:http, like curl --path-as-is): fetch would resolve
// the dot segments and re-encode before the server sees them.
import { request } from 'node:http';
import type { Cell } from './matrix';
import { isDenial, type Outcome } from './outcomes';
import { CORE_LABELS, pathVariants, sampleVariants, type PathVariant } from './path-variants';
import { classify, requestOf, type HttpRequestParts, type Probe } from './probes';

export interface VariantRun {
	cell: Cell;
	variant: PathVariant;
	/** The canonical pathname, and the query that goes with every spelling of it. */
	canonical: string;
	query: string;
}

/** The request as sent, with the pathname replaced by `rawPath` byte for byte. */
export async function rawProbe(
	base: string,
	parts: HttpRequestParts,
	rawPath: string
): Promise<Probe> {
	const headers = { ...parts.headers };
	let bytes: Buffer | undefined;
	if (parts.body !== undefined) {
		const encoded = new Response(parts.body);
		bytes = Buffer.from(await encoded.arrayBuffer());
		const type = encoded.headers.get('content-type');
		if (type && !('content-type' in headers)) Object.assign(headers, { 'content-type': type });
		Object.assign(headers, { 'content-length': String(bytes.length) });
	}
	const { hostname, port } = new URL(base);
	return new Promise((resolve, reject) => {
		const req = request(
			{ host: hostname, port, method: parts.method, path: rawPath, headers },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => {
					const h = new Headers();
					for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
					const status = res.statusCode ?? 0;
					resolve({
						outcome: classify(base, { status, headers: h }),
						text: Buffer.concat(chunks).toString('latin1'),
						head: { status, type: h.get('content-type'), location: h.get('location') }
					});
				});
			}
		);
		req.on('error', reject);
		req.end(bytes);
	});
}

/**
 * What is wrong with a variant's answer given the canonical outcome: a crash, or (where the
 * canonical path refuses) anything but a refusal — a 2xx, or a redirect other than to the
 * sign-in page or back to the canonical path (a trailing slash dropped, say).
 */
export function variantProblems(expect: Outcome, got: Probe, canonical: string): string[] {
	const status = got.head?.status ?? 0;
	if (status >= 500 || status === 0) return [`answered ${status}`];
	if (!isDenial(expect)) return [];
	if (status < 300) return [`granted (${status})`];
	if (status < 400 && got.outcome !== 'login' && got.outcome !== `redirect:${canonical}`)
		return [`redirected (${got.outcome})`];
	return [];
}

/**
 * Which variants each cell is walked with (deterministic). `all`: every variant for every
 * cell. Otherwise: a refused cell gets the core variants plus `perRefusal` sampled ones
 * (seeded by the cell's name), a granted cell the reported bypass alone (a crash is still a
 * failure); and each surface one refused role — the anonymous visitor and the signed-in
 * refused roles in turn, surface after surface — gets every variant there is.
 */
export function variantPlan(cells: Cell[], perRefusal: number | 'all'): VariantRun[] {
	const runs: VariantRun[] = [];
	const byCase = new Map<Cell['case'], Cell[]>();
	for (const cell of cells) {
		if (cell.case.kind !== 'http') continue;
		byCase.set(cell.case, [...(byCase.get(cell.case) ?? []), cell]);
	}
	let turn = 0;
	for (const [c, here] of byCase) {
		if (c.kind !== 'http') continue;
		const [canonical, query = ''] = requestOf(here[0].key, c.params).path.split('?');
		const all = pathVariants(canonical);
		const refused = here.filter((x) => isDenial(x.expect));
		const full = refused.length ? refused[turn++ % refused.length].role : null;
		for (const cell of here) {
			const variants =
				perRefusal === 'all' || cell.role === full
					? all
					: isDenial(cell.expect)
						? sampleVariants(all, perRefusal, cell.name)
						: all.filter((v) => v.label === CORE_LABELS[0]);
			for (const variant of variants)
				runs.push({ cell, variant, canonical, query: query ? `?${query}` : '' });
		}
	}
	return runs;
}

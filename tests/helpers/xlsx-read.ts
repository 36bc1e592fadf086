// Reads an .xlsx as the bytes a spreadsheet program opens, without the library that wrote it: a
// ZIP walked by its central directory, the sheet XML read for cells, panes, filters and styles.
import { inflateRawSync } from 'node:zlib';

export function unzip(buf: Buffer): Map<string, string> {
	const files = new Map<string, string>();
	let eocd = buf.length - 22;
	while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
	if (eocd < 0) throw new Error('not a zip');
	const count = buf.readUInt16LE(eocd + 10);
	let at = buf.readUInt32LE(eocd + 16);
	for (let i = 0; i < count; i++) {
		const method = buf.readUInt16LE(at + 10);
		const size = buf.readUInt32LE(at + 20);
		const nameLen = buf.readUInt16LE(at + 28);
		const extraLen = buf.readUInt16LE(at + 30);
		const commentLen = buf.readUInt16LE(at + 32);
		const local = buf.readUInt32LE(at + 42);
		const name = buf.subarray(at + 46, at + 46 + nameLen).toString('utf8');
		const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
		const data = buf.subarray(dataAt, dataAt + size);
		files.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
		at += 46 + nameLen + extraLen + commentLen;
	}
	return files;
}

const unescape = (s: string) =>
	s
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
		.replace(/&amp;/g, '&');

const attr = (tag: string, name: string) =>
	new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? null;

export interface XlsxCell {
	ref: string;
	/** s: shared string, str/inlineStr: text, n: number (dates are numbers with a date format). */
	type: string;
	value: string;
	/** The number format's code, e.g. dd/mm/yyyy, or null for General. */
	format: string | null;
}

export interface XlsxSheet {
	name: string;
	xml: string;
	cells: Map<string, XlsxCell>;
	/** The frozen pane: its ySplit and state, or null. */
	pane: { ySplit: number; state: string } | null;
	autoFilter: string | null;
}

export function readXlsx(buf: Buffer): XlsxSheet[] {
	const files = unzip(buf);
	const shared = [...(files.get('xl/sharedStrings.xml') ?? '').matchAll(/<si>([^]*?)<\/si>/g)].map(
		(m) => unescape([...m[1].matchAll(/<t[^>]*>([^]*?)<\/t>/g)].map((t) => t[1]).join(''))
	);
	const styles = files.get('xl/styles.xml') ?? '';
	const numFmts = new Map(
		[...styles.matchAll(/<numFmt\b[^>]*>/g)].map((m) => [
			attr(m[0], 'numFmtId')!,
			unescape(attr(m[0], 'formatCode')!)
		])
	);
	const xfs = [
		...(/<cellXfs[^>]*>([^]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '').matchAll(/<xf\b[^>]*>/g)
	].map((m) => attr(m[0], 'numFmtId') ?? '0');
	const book = files.get('xl/workbook.xml')!;
	const rels = files.get('xl/_rels/workbook.xml.rels')!;
	return [...book.matchAll(/<sheet\b[^>]*>/g)].map((m) => {
		const rid = attr(m[0], 'r:id')!;
		const rel = [...rels.matchAll(/<Relationship\b[^>]*>/g)].find((r) => attr(r[0], 'Id') === rid)!;
		const target = attr(rel[0], 'Target')!.replace(/^\/?(xl\/)?/, 'xl/');
		const xml = files.get(target)!;
		const cells = new Map<string, XlsxCell>();
		for (const c of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([^]*?)<\/c>)/g)) {
			const tag = `<c${c[1]}>`;
			const ref = attr(tag, 'r')!;
			const type = attr(tag, 't') ?? 'n';
			const raw =
				/<v>([^]*?)<\/v>/.exec(c[2] ?? '')?.[1] ?? /<t[^>]*>([^]*?)<\/t>/.exec(c[2] ?? '')?.[1];
			if (raw === undefined) continue;
			const value = type === 's' ? shared[Number(raw)] : unescape(raw);
			const fmtId = xfs[Number(attr(tag, 's') ?? 0)] ?? '0';
			cells.set(ref, {
				ref,
				type,
				value,
				format: fmtId === '0' ? null : (numFmts.get(fmtId) ?? `#${fmtId}`)
			});
		}
		const pane = /<pane\b[^>]*>/.exec(xml)?.[0];
		return {
			name: unescape(attr(m[0], 'name')!),
			xml,
			cells,
			pane: pane
				? { ySplit: Number(attr(pane, 'ySplit')), state: attr(pane, 'state') ?? '' }
				: null,
			autoFilter: attr(/<autoFilter\b[^>]*>/.exec(xml)?.[0] ?? '', 'ref')
		};
	});
}

/** Column letters of a 1-based index: 1 → A, 27 → AA. */
export function columnName(n: number): string {
	let s = '';
	for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
	return s;
}

/** An Excel date serial (1900 system) as YYYY-MM-DD. */
export function serialDate(serial: number): string {
	return new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
}

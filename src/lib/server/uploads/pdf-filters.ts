// The PDF stream filters the upload check decodes (PDF 1.7, 7.4: Flate, ASCIIHex, ASCII85, LZW,
// RunLength), each as pdf.js reads it, and every one spending the same per-file budget: the
// bytes decoded from all of a file's streams together (sniff.ts PDF_DECODE_BUDGET). A decoder
// throws OverBudget when the budget is spent and Undecodable when its data cannot be read.

import { constants as zlibConstants, inflateSync } from 'node:zlib';

/** The file's decoding budget is spent: the whole file is refused. */
export class OverBudget extends Error {}
class Undecodable extends Error {}

/** The filters this check decodes, by their names and abbreviations (PDF 1.7, 7.4). */
export type Filter = 'flate' | 'hex' | 'a85' | 'lzw' | 'rl';
const FILTERS: Record<string, Filter> = {
	FlateDecode: 'flate',
	Fl: 'flate',
	ASCIIHexDecode: 'hex',
	AHx: 'hex',
	ASCII85Decode: 'a85',
	A85: 'a85',
	LZWDecode: 'lzw',
	LZW: 'lzw',
	RunLengthDecode: 'rl',
	RL: 'rl'
};

/** A growing output that stops the whole file once the budget is spent. */
class Output {
	private buf: Buffer;
	length = 0;
	constructor(
		private readonly budget: { left: number },
		guess: number
	) {
		this.buf = Buffer.allocUnsafe(Math.max(16, Math.min(guess, budget.left + 1)));
	}
	push(byte: number) {
		if (this.length === this.buf.length) this.grow(1);
		this.buf[this.length++] = byte;
	}
	grow(more: number) {
		const need = this.length + more;
		if (need > this.budget.left) throw new OverBudget();
		if (need <= this.buf.length) return;
		const next = Buffer.allocUnsafe(
			Math.min(Math.max(need, this.buf.length * 2), this.budget.left)
		);
		this.buf.copy(next, 0, 0, this.length);
		this.buf = next;
	}
	fill(byte: number, count: number) {
		this.grow(count);
		this.buf.fill(byte, this.length, this.length + count);
		this.length += count;
	}
	append(bytes: Buffer) {
		this.grow(bytes.length);
		bytes.copy(this.buf, this.length);
		this.length += bytes.length;
	}
	set(i: number, byte: number) {
		this.buf[i] = byte;
	}
	at(i: number): number {
		return this.buf[i];
	}
	done(): Buffer {
		this.budget.left -= this.length;
		return this.buf.subarray(0, this.length);
	}
}

function inflate(data: Buffer, budget: { left: number }): Buffer {
	try {
		const out = inflateSync(data, {
			maxOutputLength: Math.max(1, budget.left),
			chunkSize: 256 * 1024,
			finishFlush: zlibConstants.Z_SYNC_FLUSH
		});
		if (out.length > budget.left) throw new OverBudget();
		budget.left -= out.length;
		return out;
	} catch (e) {
		if (e instanceof OverBudget || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
			throw new OverBudget();
		// A stream zlib refuses (a bad block, a wrong checksum) may still be read by a tolerant
		// reader: what it holds cannot be checked.
		throw new Undecodable();
	}
}

const hexDigit = (c: number) =>
	c >= 0x30 && c <= 0x39
		? c - 0x30
		: c >= 0x41 && c <= 0x46
			? c - 0x37
			: c >= 0x61 && c <= 0x66
				? c - 0x57
				: -1;

/** ASCIIHexDecode as pdf.js reads it: other bytes skipped, `>` ends, an odd digit is padded. */
function unhex(data: Buffer, budget: { left: number }): Buffer {
	const out = new Output(budget, data.length >> 1);
	let high = -1;
	for (const c of data) {
		if (c === 0x3e) break;
		const d = hexDigit(c);
		if (d < 0) continue;
		if (high < 0) high = d;
		else {
			out.push((high << 4) | d);
			high = -1;
		}
	}
	if (high >= 0) out.push(high << 4);
	return out.done();
}

/** ASCII85Decode: white space skipped, `z` is four zeros, `~` ends, a short group padded. */
function un85(data: Buffer, budget: { left: number }): Buffer {
	const out = new Output(budget, data.length);
	const group: number[] = [];
	const flush = () => {
		const n = group.length;
		if (n < 2) return;
		while (group.length < 5) group.push(84);
		let v = 0;
		for (const d of group) v = v * 85 + d;
		for (let i = 0; i < n - 1; i++) out.push((v >>> (24 - 8 * i)) & 0xff);
		group.length = 0;
	};
	for (const c of data) {
		if (c === 0x7e) break;
		if (c <= 0x20) continue;
		if (c === 0x7a && group.length === 0) {
			for (let i = 0; i < 4; i++) out.push(0);
			continue;
		}
		if (c < 0x21 || c > 0x75) throw new Undecodable();
		group.push(c - 0x21);
		if (group.length === 5) flush();
	}
	flush();
	return out.done();
}

/** LZWDecode with the default EarlyChange 1; a code out of the table ends it as pdf.js does. */
function unlzw(data: Buffer, budget: { left: number }): Buffer {
	const out = new Output(budget, data.length * 2);
	const prefix = new Int32Array(4096);
	const suffix = new Uint8Array(4096);
	const size = new Int32Array(4096);
	for (let i = 0; i < 256; i++) {
		suffix[i] = i;
		size[i] = 1;
		prefix[i] = -1;
	}
	let next = 258;
	let width = 9;
	let prev = -1;
	let bits = 0;
	let acc = 0;
	const write = (code: number) => {
		out.grow(size[code]);
		const end = out.length + size[code];
		const at = out.length;
		for (let c = code, i = end - 1; c >= 0; c = prefix[c], i--) out.set(i, suffix[c]);
		out.length = end;
		return at;
	};
	for (const byte of data) {
		acc = ((acc << 8) | byte) & 0xffffff;
		bits += 8;
		while (bits >= width) {
			const code = (acc >>> (bits - width)) & ((1 << width) - 1);
			bits -= width;
			if (code === 256) {
				next = 258;
				width = 9;
				prev = -1;
				continue;
			}
			if (code === 257) return out.done();
			let first: number;
			if (code < next && (code < 256 || code >= 258)) {
				const at = write(code);
				first = out.at(at);
			} else if (code === next && prev >= 0) {
				const at = write(prev);
				first = out.at(at);
				out.push(first);
			} else return out.done();
			if (prev >= 0 && next < 4096) {
				prefix[next] = prev;
				suffix[next] = first;
				size[next] = size[prev] + 1;
				next++;
			}
			prev = code;
			if (next + 1 >= 1 << width && width < 12) width++;
		}
	}
	return out.done();
}

/** RunLengthDecode: a length byte, then that many bytes copied or one byte repeated; 128 ends. */
function unrl(data: Buffer, budget: { left: number }): Buffer {
	const out = new Output(budget, data.length * 2);
	for (let i = 0; i < data.length;) {
		const n = data[i++];
		if (n === 128) break;
		if (n < 128) {
			out.append(data.subarray(i, i + n + 1));
			i += n + 1;
		} else if (i < data.length) out.fill(data[i++], 257 - n);
	}
	return out.done();
}

export const DECODERS: Record<Filter, (data: Buffer, budget: { left: number }) => Buffer> = {
	flate: inflate,
	hex: unhex,
	a85: un85,
	lzw: unlzw,
	rl: unrl
};

/**
 * The value of the last /Filter in `dict` (names already decoded): its filters in order, null
 * when there is none, 'unknown' when it names one this check cannot decode or is not a plain
 * name or array of names (a reference, say).
 */
export function filtersOf(dict: string): Filter[] | null | 'unknown' {
	const at = dict.lastIndexOf('/Filter');
	if (at < 0) return null;
	const m = /^\/Filter\s*(?:\/([^\s()<>[\]{}/%]+)|\[((?:\s*\/[^\s()<>[\]{}/%]+)*)\s*\])/.exec(
		dict.slice(at, at + 1024)
	);
	if (!m) return 'unknown';
	const names = m[1]
		? [m[1]]
		: m[2]
				.split('/')
				.slice(1)
				.map((n) => n.trim());
	const filters = names.map((n) => FILTERS[n]);
	return filters.every(Boolean) ? filters : 'unknown';
}

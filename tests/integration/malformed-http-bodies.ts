// How the HTTP malformed-input test sends a case (not a test file): as a browser would
// (urlencoded, multipart), as a careless script would (odd multipart parts), or as something
// no form can produce (JSON, text/plain, raw bytes, cut-short multipart, no boundary).
import fc from 'fast-check';
import { junkText, pct } from '../helpers/fuzz';
import type { Field, FilePart } from './malformed-http-forms';

export type Encoding =
	| { kind: 'urlencoded' }
	| { kind: 'multipart' }
	| { kind: 'odd-multipart'; oddity: number; junk: string }
	| { kind: 'unreadable'; variant: number; bytes: Uint8Array; type: string };

/** Encodings a form can take: what a browser sends reaches the action's own validation. */
export const encodingArb: fc.Arbitrary<Encoding> = fc.oneof(
	{ weight: 10, arbitrary: fc.constant({ kind: 'urlencoded' as const }) },
	{ weight: 6, arbitrary: fc.constant({ kind: 'multipart' as const }) },
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('odd-multipart' as const),
			oddity: fc.nat(5),
			junk: junkText
		})
	},
	{
		weight: 3,
		arbitrary: fc.record({
			kind: fc.constant('unreadable' as const),
			variant: fc.nat(6),
			bytes: fc.uint8Array({ maxLength: 2048 }),
			type: fc.oneof(
				fc.constantFrom('application/octet-stream', 'image/png', 'application/xml', ''),
				junkText.map((s) => s.replace(/[^\x20-\x7e]/g, '').slice(0, 100))
			)
		})
	}
);

/** Whether a browser's form could have sent this (then the action must answer it itself). */
export const isBrowserForm = (e: Encoding) => e.kind === 'urlencoded' || e.kind === 'multipart';

export interface Body {
	type: string | null;
	bytes: Buffer;
}

const BOUNDARY = '----ocopFuzzBoundary7MA4YWxkTrZu0gW';
const CRLF = '\r\n';

function asText(v: string | FilePart): string {
	return typeof v === 'string' ? v : v.filename;
}

/** Header-safe: a quoted name cannot hold CR, LF or a quote. */
const quoted = (s: string) => s.replace(/[\r\n"]/g, (c) => pct(c));

function part(name: string, v: string | FilePart): Buffer {
	if (typeof v === 'string')
		return Buffer.concat([
			Buffer.from(
				`--${BOUNDARY}${CRLF}Content-Disposition: form-data; name="${quoted(name)}"${CRLF}${CRLF}`
			),
			Buffer.from(v),
			Buffer.from(CRLF)
		]);
	const type = v.type ? `${CRLF}Content-Type: ${v.type}` : '';
	return Buffer.concat([
		Buffer.from(
			`--${BOUNDARY}${CRLF}Content-Disposition: form-data; name="${quoted(name)}"; filename="${quoted(v.filename)}"${type}${CRLF}${CRLF}`
		),
		Buffer.from(v.bytes),
		Buffer.from(CRLF)
	]);
}

function multipart(fields: Field[], extra: Buffer[] = []): Buffer {
	return Buffer.concat([
		...fields.map(([n, v]) => part(n, v)),
		...extra,
		Buffer.from(`--${BOUNDARY}--${CRLF}`)
	]);
}

const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;

function oddPart(oddity: number, junk: string): Buffer {
	const j = quoted(junk);
	const parts = [
		`--${BOUNDARY}${CRLF}Content-Disposition: form-data${CRLF}${CRLF}${junk}${CRLF}`,
		`--${BOUNDARY}${CRLF}Content-Disposition: form-data; name="${j}"; filename*=UTF-8''${pct(junk)}${CRLF}${CRLF}x${CRLF}`,
		`--${BOUNDARY}${CRLF}Content-Type: text/html${CRLF}${CRLF}${junk}${CRLF}`,
		`--${BOUNDARY}${CRLF}Content-Disposition: form-data; name="${j}"${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}!!${CRLF}`,
		`--${BOUNDARY}${CRLF}Content-Disposition: attachment; name="${j}"${CRLF}${CRLF}--${BOUNDARY}x${CRLF}`,
		`--${BOUNDARY}${CRLF}${CRLF}${CRLF}`
	];
	return Buffer.from(parts[oddity % parts.length]);
}

export function encode(fields: Field[], e: Encoding): Body {
	if (e.kind === 'urlencoded') {
		const q = new URLSearchParams(fields.map(([n, v]) => [n, asText(v)]));
		return { type: 'application/x-www-form-urlencoded', bytes: Buffer.from(q.toString()) };
	}
	if (e.kind === 'multipart') return { type: MULTIPART, bytes: multipart(fields) };
	if (e.kind === 'odd-multipart') {
		return { type: MULTIPART, bytes: multipart(fields, [oddPart(e.oddity, e.junk)]) };
	}
	const whole = multipart(fields);
	switch (e.variant) {
		case 0: // cut short: no closing boundary, maybe mid-part
			return {
				type: MULTIPART,
				bytes: whole.subarray(0, Math.max(1, whole.length - 1 - (e.bytes.length % whole.length)))
			};
		case 1:
			return { type: 'multipart/form-data', bytes: whole };
		case 2:
			return {
				type: 'text/plain;charset=UTF-8',
				bytes: Buffer.from(fields.map(([n, v]) => `${n}=${asText(v)}`).join('\n'))
			};
		case 3:
			return {
				type: 'application/json',
				bytes: Buffer.from(
					JSON.stringify(Object.fromEntries(fields.map(([n, v]) => [n, asText(v)])))
				)
			};
		case 4:
			return { type: 'application/x-sveltekit-formdata', bytes: Buffer.from(e.bytes) };
		case 5:
			return { type: e.type || null, bytes: Buffer.from(e.bytes) };
		default:
			return {
				type: `multipart/form-data; boundary=${'x'.repeat(80)}`,
				bytes: Buffer.from(e.bytes)
			};
	}
}

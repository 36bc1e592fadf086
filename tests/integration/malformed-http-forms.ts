// Builders for the HTTP malformed-input registry (not a test file): form fields that are
// invalid by construction, route targets that are either real (then the form is broken) or
// match nothing, and the cases' shape.
import fc from 'fast-check';
import { junkId, junkText, pct } from '../helpers/fuzz';
import type { FuzzPerson } from '../helpers/fuzz-fixture';

export interface FilePart {
	filename: string;
	type: string;
	bytes: Uint8Array;
}
export type Field = [name: string, value: string | FilePart];

export interface HttpCase {
	method: 'GET' | 'POST';
	/** Path and query, already encoded. */
	path: string;
	fields: Field[];
	/** Only for the logout surface: a cookie that is not a session. */
	cookie?: string;
}

export interface FieldSpec {
	ok: fc.Arbitrary<string>;
	/** A value that on its own makes the request invalid; null when no value does. */
	bad: fc.Arbitrary<string> | null;
	/** Leaving the field out is invalid too. */
	required: boolean;
}

/** Whitespace that `trim()` removes, so a required text is still empty. */
export const blank: fc.Arbitrary<string> = fc.constantFrom(
	'',
	' ',
	'\t\n',
	'\u00a0',
	'\u3000',
	'\ufeff',
	'\u2028'
);
export const text = fc.oneof(
	fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }),
	junkText
);
export const someText = text.filter((s) => s.trim() !== '');

export const required = (
	ok: fc.Arbitrary<string>,
	bad: fc.Arbitrary<string> = blank
): FieldSpec => ({
	ok,
	bad,
	required: true
});
export const optional = (ok: fc.Arbitrary<string>, bad: fc.Arbitrary<string>): FieldSpec => ({
	ok,
	bad,
	required: false
});
/** A field whose value cannot make the request invalid (free text, an ignored field). */
export const free = (ok: fc.Arbitrary<string> = text): FieldSpec => ({
	ok,
	bad: null,
	required: false
});

/** A value of `values` or junk that is none of them (as the server trims and cuts it). */
export function choice(values: readonly string[], max = 30): FieldSpec {
	return required(
		fc.constantFrom(...values),
		junkText.filter((s) => !values.includes(s.trim().slice(0, max)))
	);
}

/** Junk fields beside the real ones, never named like one (that could fill a missing field). */
const extraFields = (taken: string[]): fc.Arbitrary<Field[]> =>
	fc.array(
		fc
			.tuple(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'c:', '/'), junkText), junkText)
			.filter(([name]) => !taken.includes(name)),
		{ maxLength: 3 }
	);

/**
 * Fields of `spec`, plus a few junk ones. With `mustBreak`, at least one field is bad or (when
 * required) missing, so the whole form is invalid whatever the rest holds.
 */
export function form(spec: Record<string, FieldSpec>, mustBreak: boolean): fc.Arbitrary<Field[]> {
	const names = Object.keys(spec);
	const breakable = names.filter((n) => spec[n].required || spec[n].bad);
	if (mustBreak && breakable.length === 0) throw new Error('nothing in this form can be broken');
	const slot = (s: FieldSpec) =>
		fc.oneof(
			{ weight: 3, arbitrary: s.ok },
			{ weight: 1, arbitrary: s.bad ?? s.ok },
			{ weight: 1, arbitrary: fc.constant(undefined) }
		);
	const broken = (s: FieldSpec): fc.Arbitrary<string | undefined> =>
		s.required ? fc.oneof(s.bad ?? blank, fc.constant(undefined)) : (s.bad ?? s.ok);
	return fc
		.tuple(
			fc.tuple(...names.map((n) => slot(spec[n]))),
			fc.nat(Math.max(0, breakable.length - 1)),
			fc.tuple(...names.map((n) => broken(spec[n]))),
			extraFields(names)
		)
		.map(([values, pick, badValues, extra]) => {
			const out: (string | undefined)[] = [...values];
			if (mustBreak) {
				const i = names.indexOf(breakable[pick]);
				out[i] = badValues[i];
			}
			return [
				...names.flatMap((n, i): Field[] => (out[i] === undefined ? [] : [[n, out[i]]])),
				...extra
			];
		});
}

/** First bytes of PDF, JPEG, PNG, ZIP (docx, xlsx) and OLE files: random bytes avoid them. */
const MAGIC_FIRST = [0x25, 0xff, 0x89, 0x50, 0xd0];

/** A file part whose bytes are random (no format's magic number: never a valid upload). */
export const filePart: fc.Arbitrary<FilePart> = fc.record({
	filename: fc.oneof(junkText, fc.constantFrom('a.pdf', '../../x.pdf', 'con.jpg', '')),
	type: fc.constantFrom(
		'application/pdf',
		'image/jpeg',
		'text/html',
		'',
		'application/x-msdownload'
	),
	bytes: fc
		.uint8Array({ maxLength: 1024 })
		.filter((b) => b.length < 4 || !MAGIC_FIRST.includes(b[0]))
});

export function post(path: fc.Arbitrary<string>, fields: fc.Arbitrary<Field[]>) {
	return fc.record({ method: fc.constant('POST' as const), path, fields });
}

export const enc = pct;

/** Raw parameters that the URL parser or the router resolve elsewhere (a traversal, bad UTF-8). */
export const RAW_PARAMS = ['..%2F..%2Flogin', '%2e%2e', '%00', '%E0%A4%A', '/.'];

/** A route parameter that names nothing, sometimes sent raw (traversal reaches the router). */
export function junkParam(real: readonly string[]): fc.Arbitrary<string> {
	return fc.oneof(
		// Kept under Node's 16 KiB header limit (with room for a redirect's `next=`, encoded again).
		{
			weight: 4,
			arbitrary: junkId(real)
				.map(enc)
				.filter((p) => p.length <= 3000)
		},
		{ weight: 1, arbitrary: fc.constantFrom(...RAW_PARAMS.slice(0, 4), '.') }
	);
}

/**
 * `template` with `{id}` as the real target or as junk. On the real target the form is broken,
 * unless `refusedByState` (the fixture leaves that target in a state where the action is
 * refused whatever the form holds); on a junk one anything goes: nothing may match it.
 */
export function onTarget(
	template: string,
	realIds: readonly string[],
	spec: Record<string, FieldSpec>,
	allIds: readonly string[],
	refusedByState = false
): fc.Arbitrary<HttpCase> {
	return fc.oneof(
		post(
			fc.constantFrom(...realIds).map((id) => template.replace('{id}', id)),
			form(spec, !refusedByState)
		),
		post(
			junkParam(allIds).map((id) => template.replace('{id}', id)),
			form(spec, false)
		)
	);
}

export interface HttpSurfaceFuzz {
	/** Who fuzzes it: the person allowed to use it (null: nobody signed in). */
	as: FuzzPerson | null;
	cases: fc.Arbitrary<HttpCase>;
	/**
	 * What every case must come back as: `failure` (a form action's fail() with a Vietnamese
	 * message), `refusal` (an endpoint's 4xx), `redirect` (303, for a surface with nothing to
	 * refuse), or `answer` (a GET that may well answer 200, e.g. an export with a junk filter).
	 */
	expect: 'failure' | 'refusal' | 'redirect' | 'answer';
}

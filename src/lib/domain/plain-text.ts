/**
 * Characters no name or chat line needs and that only serve to hide or forge text: C0 and C1
 * control characters (NUL, escape sequences, line breaks in one-line fields, DEL) and the
 * bidirectional overrides that make a name read differently from what is stored.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export function hasControlChars(text: string): boolean {
	return CONTROL.test(text);
}

/**
 * Characters no name or chat line needs and that only serve to hide or forge text: C0 and C1
 * control characters (NUL, escape sequences, line breaks in one-line fields, DEL) and the
 * bidirectional overrides and isolates that make a name read differently from what is stored.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** The same, less the tab and the line breaks (CR, LF) a text of several lines is made of. */
const CONTROL_IN_TEXT =
	// eslint-disable-next-line no-control-regex -- matching control characters is the point
	/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** For a one-line field (a name, a title, a number, a signer): any control character. */
export function hasControlChars(text: string): boolean {
	return CONTROL.test(text);
}

/**
 * For a text of several lines (a comment, a reason, a review): the controls of
 * `hasControlChars` except tab, line feed and carriage return.
 */
export function hasControlCharsInText(text: string): boolean {
	return CONTROL_IN_TEXT.test(text);
}

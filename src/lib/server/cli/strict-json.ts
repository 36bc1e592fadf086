// Reading an input file strictly: UTF-8 that decodes without a replacement character, and JSON
// whose objects never repeat a key. JSON.parse silently keeps the last of two equal keys
// ({"1.1": 0, "1.1": 2} reads as 2) and its reviver only sees the survivor, so after JSON.parse
// has accepted the text a small scanner walks it once more, iteratively (no recursion, so any
// nesting depth JSON.parse takes is fine), and compares the decoded keys of every object.

export type StrictJsonResult =
	{ ok: true; value: unknown } | { ok: false; path: string; message: string };

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Bytes → text; null when they are not valid UTF-8. A leading BOM is dropped. Any other failure
 * (text beyond the longest string the engine holds) is thrown, not reported as bad encoding.
 */
export function decodeUtf8(bytes: Uint8Array): string | null {
	try {
		return decoder.decode(bytes);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') return null;
		throw error;
	}
}

/** JSON.parse, refusing a key repeated within one object (at any depth). */
export function parseStrictJson(text: string): StrictJsonResult {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		const reason = text.trim() === '' ? 'the input is empty' : (error as Error).message;
		return { ok: false, path: '', message: `invalid JSON: ${reason}` };
	}
	const duplicate = findDuplicateKey(text);
	if (duplicate) {
		return {
			ok: false,
			path: duplicate.path,
			message: `duplicate key ${JSON.stringify(duplicate.key)}: each key may appear once in an object`
		};
	}
	return { ok: true, value };
}

interface ObjectFrame {
	kind: 'object';
	path: string;
	keys: Set<string>;
	/** The key whose value comes next, or null while a key is expected. */
	key: string | null;
}

interface ArrayFrame {
	kind: 'array';
	path: string;
	index: number;
}

/**
 * The first key repeated within one object and the path of its second occurrence, in the style
 * of the rating input's messages: `scorecards[0].choices["1.1"]`. `text` must be valid JSON.
 */
export function findDuplicateKey(text: string): { key: string; path: string } | null {
	const stack: (ObjectFrame | ArrayFrame)[] = [];
	/** The path of the value starting at the current position. */
	const valuePath = (): string => {
		const top = stack.at(-1);
		if (!top) return '';
		if (top.kind === 'array') return `${top.path}[${top.index}]`;
		return childPath(top.path, top.key ?? '');
	};
	// Only braces, brackets, commas and strings matter; the scan jumps from one to the next.
	const structural = /[{}[\],"]/g;
	for (let match = structural.exec(text); match; match = structural.exec(text)) {
		const c = match[0];
		const i = match.index;
		if (c === '{' || c === '[') {
			const path = valuePath();
			stack.push(
				c === '{'
					? { kind: 'object', path, keys: new Set(), key: null }
					: { kind: 'array', path, index: 0 }
			);
		} else if (c === '}' || c === ']') {
			stack.pop();
		} else if (c === ',') {
			const top = stack.at(-1);
			if (top?.kind === 'array') top.index += 1;
			else if (top) top.key = null;
		} else {
			const end = stringEnd(text, i);
			const top = stack.at(-1);
			if (top?.kind === 'object' && top.key === null) {
				// Decoded only when it holds an escape: "\u0031.1" and "1.1" are the same key.
				const raw = text.slice(i + 1, end - 1);
				const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end)) as string) : raw;
				if (top.keys.has(key)) return { key, path: childPath(top.path, key) };
				top.keys.add(key);
				top.key = key;
			}
			structural.lastIndex = end;
		}
	}
	return null;
}

/** The index just past the string token starting at `start` (a '"'). */
function stringEnd(text: string, start: number): number {
	let quote = text.indexOf('"', start + 1);
	// A quote preceded by an odd number of backslashes is escaped, part of the string.
	for (;;) {
		let slashes = 0;
		while (text.charCodeAt(quote - 1 - slashes) === 92) slashes += 1;
		if (slashes % 2 === 0) return quote + 1;
		quote = text.indexOf('"', quote + 1);
	}
}

function childPath(parent: string, key: string): string {
	if (/^[A-Za-z_$][\w$]*$/.test(key)) return parent ? `${parent}.${key}` : key;
	return `${parent}[${JSON.stringify(key)}]`;
}

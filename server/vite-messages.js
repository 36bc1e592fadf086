import { readFileSync } from 'node:fs';

/** A language's message files (src/lib/i18n/messages/<locale>/<area>.json). */
const MESSAGES = /[\\/]i18n[\\/]messages[\\/][a-z]{2}[\\/][^\\/]+\.json$/;

/**
 * The messages reach the browser as `JSON.parse('…')`, not as an object literal. Vite made
 * literals of the message files under 10 kB and `JSON.parse` of the larger ones (and ignores
 * `json.stringify` here); a literal goes through the full JavaScript parser, JSON through V8's
 * much faster JSON parser. The reader's language (80 kB, every page's) was one task of 24 ms in
 * Lighthouse's trace of the scorecard, counted 4× on its simulated phone.
 * @returns {import('vite').Plugin}
 */
export function messagesAsJsonParse() {
	return {
		name: 'ocop-messages-json-parse',
		enforce: 'pre',
		load(id) {
			if (!MESSAGES.test(id)) return null;
			// Parsed here first: a file that is not JSON fails the build, not a reader's page.
			const text = JSON.stringify(JSON.parse(readFileSync(id, 'utf8')));
			return { code: `export default JSON.parse(${JSON.stringify(text)});`, moduleType: 'js' };
		}
	};
}

// The documents' fonts: Noto Serif (full Vietnamese) first, then DejaVu Serif and DejaVu Sans for
// the symbols Noto Serif lacks (≥ ≤ ← ★ ☐ …). pdfkit has no font fallback of its own, so text is
// cut into runs, each set in the first font that has all its glyphs. Emoji have no place in an
// administrative document: they are dropped, and any other character no font has prints as "?".

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The part of a fontkit font these modules touch. */
interface FontkitFont {
	hasGlyphForCodePoint(cp: number): boolean;
	createSubset(): object;
}
interface Fontkit {
	create(bytes: Uint8Array, family?: string): FontkitFont;
}

// fontkit is the font engine pdfkit itself ships (the same module instance: pdfkit requires it
// from the same folder); asking it which glyphs a font has keeps the fallback decision exactly in
// line with what pdfkit can embed.
const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as Fontkit;

/**
 * Each face's font, parsed once for the life of the process (see pdf.ts): `layout` for shaping
 * words, `embed` for the documents' subsets. Two objects, because fontkit keeps every glyph it
 * has made in its font, with the characters it was made for: a subset reading a composite glyph
 * (ệ is e and two marks) makes "e" with none, and a later layout that found it there would embed
 * "e" with no character to copy or search for.
 */
const parsed = new WeakMap<Uint8Array, { layout: FontkitFont; embed: FontkitFont }>();

export const STYLES = ['regular', 'bold', 'italic', 'bold-italic'] as const;
export type Style = (typeof STYLES)[number];

const NOTO = '@expo-google-fonts/noto-serif';
const DEJAVU = 'dejavu-fonts-ttf/ttf';
const FILES: Record<Style, string[]> = {
	regular: [
		`${NOTO}/400Regular/NotoSerif_400Regular.ttf`,
		`${DEJAVU}/DejaVuSerif.ttf`,
		`${DEJAVU}/DejaVuSans.ttf`
	],
	bold: [
		`${NOTO}/700Bold/NotoSerif_700Bold.ttf`,
		`${DEJAVU}/DejaVuSerif-Bold.ttf`,
		`${DEJAVU}/DejaVuSans-Bold.ttf`
	],
	italic: [
		`${NOTO}/400Regular_Italic/NotoSerif_400Regular_Italic.ttf`,
		`${DEJAVU}/DejaVuSerif-Italic.ttf`,
		`${DEJAVU}/DejaVuSans-Oblique.ttf`
	],
	'bold-italic': [
		`${NOTO}/700Bold_Italic/NotoSerif_700Bold_Italic.ttf`,
		`${DEJAVU}/DejaVuSerif-BoldItalic.ttf`,
		`${DEJAVU}/DejaVuSans-BoldOblique.ttf`
	]
};

export interface FontFace {
	/** The name registered with pdfkit, e.g. `bold#1`. */
	name: string;
	path: string;
	/** The file's bytes, read once: what pdfkit is given, so that it finds the parsed font. */
	bytes: Buffer;
	has(cp: number): boolean;
}

const faces = new Map<Style, FontFace[]>();

export function facesOf(style: Style): FontFace[] {
	let list = faces.get(style);
	if (!list) {
		list = FILES[style].map((file, i) => {
			const path = require.resolve(file);
			const bytes = readFileSync(path);
			const font = fontkit.create(bytes);
			parsed.set(bytes, { layout: font, embed: fontkit.create(bytes) });
			return {
				name: `${style}#${i}`,
				path,
				bytes,
				has: (cp: number) => font.hasGlyphForCodePoint(cp)
			};
		});
		faces.set(style, list);
	}
	return list;
}

/** The process's parsed font of a face's bytes, for pdf.ts to share among documents. */
export function parsedFont(
	bytes: Uint8Array
): { layout: FontkitFont; embed: FontkitFont } | undefined {
	return parsed.get(bytes);
}

const EMOJI =
	/\p{Extended_Pictographic}|\p{Regional_Indicator}|\u{FE0F}|\u{200D}|[\u{1F3FB}-\u{1F3FF}]/gu;
/** Pictographic characters that are ordinary text symbols on a form, not emoji. */
const TEXT_SYMBOLS = new Set([...'★☆✓✔✗✘☐☑☒©®™']);
/** Controls other than tab and newline cannot print. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/g;

/** Text as the fonts can print it: emoji dropped, controls removed. */
export function printable(text: string): string {
	return text.replace(CONTROL, '').replace(EMOJI, (ch) => (TEXT_SYMBOLS.has(ch) ? ch : ''));
}

function coveredBy(ch: string, style: Style): FontFace | undefined {
	const cp = ch.codePointAt(0)!;
	return facesOf(style).find((f) => f.has(cp));
}

/** Runs of text, each with the first face (in fallback order) that has its glyphs. */
export function runs(text: string, style: Style): { face: FontFace; text: string }[] {
	const main = facesOf(style)[0];
	const out: { face: FontFace; text: string }[] = [];
	for (const raw of printable(text)) {
		const isSpace = raw === ' ' || raw === '\n' || raw === '\t';
		const found = isSpace ? (out.at(-1)?.face ?? main) : coveredBy(raw, style);
		const face = found ?? main;
		const ch = found ? raw : '?';
		const last = out.at(-1);
		if (last && last.face === face) last.text += ch;
		else out.push({ face, text: ch });
	}
	return out;
}

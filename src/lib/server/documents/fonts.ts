// The documents' fonts: Noto Serif (full Vietnamese) first, then DejaVu Serif and DejaVu Sans for
// the symbols Noto Serif lacks (≥ ≤ ← ★ ☐ …). pdfkit has no font fallback of its own, so text is
// cut into runs, each set in the first font that has all its glyphs. Emoji have no place in an
// administrative document: they are dropped, and any other character no font has prints as "?".

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// fontkit is the font engine pdfkit itself ships; asking it which glyphs a font has keeps the
// fallback decision exactly in line with what pdfkit can embed.
const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as {
	openSync(path: string): { hasGlyphForCodePoint(cp: number): boolean };
};

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
	has(cp: number): boolean;
}

const faces = new Map<Style, FontFace[]>();

export function facesOf(style: Style): FontFace[] {
	let list = faces.get(style);
	if (!list) {
		list = FILES[style].map((file, i) => {
			const path = require.resolve(file);
			const font = fontkit.openSync(path);
			return { name: `${style}#${i}`, path, has: (cp: number) => font.hasGlyphForCodePoint(cp) };
		});
		faces.set(style, list);
	}
	return list;
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

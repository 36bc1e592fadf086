// Spellings of one path that an attacker tries against a gate that matches strings: each
// character of the area segment percent-encoded on its own (upper- and lower-case hex), the
// whole path encoded, changed case, doubled and trailing slashes, `.` and `..` segments (plain
// and encoded), `;` parameters, overlong UTF-8 and invalid escapes, encoded slashes and
// double encoding. Sent as raw request targets (curl --path-as-is), so nothing normalises them
// on the way.
import { seededRandom } from '../../helpers/prng';

export interface PathVariant {
	label: string;
	path: string;
}

const hex = (c: string, upper: boolean) => {
	const h = c.charCodeAt(0).toString(16).padStart(2, '0');
	return `%${upper ? h.toUpperCase() : h.toLowerCase()}`;
};
const encodeAll = (s: string, upper: boolean) => [...s].map((c) => hex(c, upper)).join('');

/** The two-byte overlong UTF-8 form of an ASCII character (`o` → %C1%AF), never valid. */
const overlong = (c: string) => {
	const n = c.charCodeAt(0);
	return `%${(0xc0 | (n >> 6)).toString(16).toUpperCase()}%${(0x80 | (n & 0x3f)).toString(16).toUpperCase()}`;
};

/** Every variant of `path` (a pathname; no query). Deterministic, in a stable order. */
export function pathVariants(path: string): PathVariant[] {
	const segs = path.split('/').slice(1);
	const [area, ...rest] = segs;
	const tail = rest.length ? '/' + rest.join('/') : '';
	// The site's root has no area to spell otherwise.
	if (!area)
		return [
			{ label: 'leading //', path: '//' },
			{ label: 'leading /./', path: '/.' },
			{ label: 'whole path encoded', path: '/%2e' }
		];
	const out: PathVariant[] = [];
	const add = (label: string, p: string) => {
		if (p !== path && !out.some((v) => v.path === p)) out.push({ label, path: p });
	};
	for (let i = 0; i < area.length; i++)
		for (const upper of [true, false])
			add(
				`area char ${i} ${upper ? 'upper' : 'lower'}`,
				`/${area.slice(0, i)}${hex(area[i], upper)}${area.slice(i + 1)}${tail}`
			);
	add('area encoded', `/${encodeAll(area, true)}${tail}`);
	add('whole path encoded', '/' + segs.map((s) => encodeAll(s, false)).join('/'));
	if (rest.length) {
		const last = segs.length - 1;
		add(
			'last char encoded',
			'/' + segs.map((s, i) => (i === last ? hex(s[0], true) + s.slice(1) : s)).join('/')
		);
	}
	add('upper case area', `/${area.toUpperCase()}${tail}`);
	add('capitalised area', `/${area[0].toUpperCase()}${area.slice(1)}${tail}`);
	add('leading //', `/${path}`);
	add('leading ///', `//${path}`);
	add('trailing /', `${path}/`);
	add('trailing //', `${path}//`);
	if (rest.length) add('inner //', `/${area}/${tail}`);
	add('leading /./', `/.${path}`);
	add('leading /x/../', `/x/..${path}`);
	add('leading /%2e/', `/%2e${path}`);
	add('leading /x/%2E%2E/', `/x/%2E%2E${path}`);
	add('leading /x/.%2e/', `/x/.%2e${path}`);
	add('area/./', `/${area}/.${tail}`);
	add('area/x/../', `/${area}/x/..${tail}`);
	add('area;param', `/${area};x=1${tail}`);
	add('trailing ;param', `${path};jsessionid=1`);
	add('overlong first char', `/${overlong(area[0])}${area.slice(1)}${tail}`);
	add('overlong slash', `/${area}${overlong('/')}${rest.join('/')}`);
	add(
		'three-byte overlong',
		`/%E0%81%${(0x80 | (area.charCodeAt(0) & 0x3f)).toString(16).toUpperCase()}${area.slice(1)}${tail}`
	);
	add('invalid escape %zz', `/%zz${area}${tail}`);
	add('truncated escape', `/${area}%6${tail}`);
	add('lone %', `/${area}%${tail}`);
	add('double encoded', `/%25${hex(area[0], true).slice(1)}${area.slice(1)}${tail}`);
	add('encoded slash', `/${area}%2F${rest.join('/')}`);
	add('leading encoded slash', `/%2F${area}${tail}`);
	add('backslashes', `/${area}\\${rest.join('\\')}`);
	add('leading backslash', `\\${area}${tail}`);
	add('NUL in area', `/${area}%00${tail}`);
	// U+FF41… (fullwidth a…): a router that folded compatibility forms would read the area.
	add(
		'fullwidth first char',
		`/%EF%BD%${(0x81 + area.charCodeAt(0) - 0x61).toString(16).toUpperCase()}${area.slice(1)}${tail}`
	);
	return out;
}

/** Variants every sample carries: the reported bypass (first), and `//`. */
export const CORE_LABELS = ['area char 0 upper', 'leading //'];

/**
 * A deterministic sample of `n` variants (beside the core ones) for one cell, seeded by the
 * cell's name, so every run asks the same and different cells ask different ones.
 */
export function sampleVariants(all: PathVariant[], n: number, seedText: string): PathVariant[] {
	let seed = 0;
	for (const c of seedText) seed = (Math.imul(seed, 31) + c.charCodeAt(0)) >>> 0;
	const random = seededRandom(seed);
	const core = all.filter((v) => CORE_LABELS.includes(v.label));
	const pool = all.filter((v) => !CORE_LABELS.includes(v.label));
	const picked: PathVariant[] = [];
	while (picked.length < n && pool.length)
		picked.push(...pool.splice(random.int(0, pool.length - 1), 1));
	return [...core, ...picked];
}

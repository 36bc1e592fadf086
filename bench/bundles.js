// JavaScript a page loads before anything lazy: SvelteKit's entries, the root layout and the
// page's own node, with everything they import statically (Vite's manifest), gzip-compressed as
// the server sends it. Dynamic imports (LiveKit's client, pdf.js) are reported apart.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const PAGES = {
	'member scoring page': 'src/routes/sittings/[id]/items/[itemId]/score/+page.svelte',
	"chair's board": 'src/routes/sittings/[id]/items/[itemId]/board/+page.svelte',
	'live sitting (before video)': 'src/routes/sittings/[id]/+page.svelte',
	'public results': 'src/routes/results/+page.svelte'
};

/** manifest key of the generated node file that renders `component`. */
function nodeKeyOf(outDir, component) {
	const dir = join(outDir, 'generated', 'client-optimized', 'nodes');
	for (const f of readdirSync(dir)) {
		if (readFileSync(join(dir, f), 'utf8').includes(component))
			return `${outDir.replace(/^\.\//, '')}/generated/client-optimized/nodes/${f}`;
	}
	return null;
}

/**
 * The files a page's first load runs (SvelteKit's entries, the root layout, the page's node and
 * their static imports), and the chunks it may import later (with what they import in turn);
 * null without a build.
 */
export function initialFiles(outDir, component) {
	const manifestFile = join(outDir, 'output', 'client', '.vite', 'manifest.json');
	if (!existsSync(manifestFile)) return null;
	const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
	const node = nodeKeyOf(outDir, component);
	if (!node) throw new Error(`no client node renders ${component}`);
	const seen = new Set();
	const dynamic = new Set();
	const visit = (k) => {
		if (seen.has(k) || !manifest[k]) return;
		seen.add(k);
		for (const i of manifest[k].imports ?? []) visit(i);
		for (const d of manifest[k].dynamicImports ?? []) dynamic.add(d);
	};
	const entries = Object.keys(manifest).filter(
		(k) => manifest[k].isEntry && !k.includes('/nodes/')
	);
	[...entries, nodeKeyOf(outDir, 'src/routes/+layout.svelte'), node].forEach(visit);
	// What the dynamic imports bring that the first load did not: they and their own imports,
	// static or dynamic.
	const later = new Set();
	const visitLater = (k) => {
		if (seen.has(k) || later.has(k) || !manifest[k]) return;
		later.add(k);
		for (const i of [...(manifest[k].imports ?? []), ...(manifest[k].dynamicImports ?? [])])
			visitLater(i);
	};
	dynamic.forEach(visitLater);
	const read = (file) => readFileSync(join(outDir, 'output', 'client', file), 'utf8');
	return {
		files: [...seen].map((k) => manifest[k].file),
		lazy: [...later].map((k) => manifest[k].file),
		read
	};
}

/** `export const csr = false` in the page's +page.ts or +page.server.ts. */
function rendersWithoutScript(component) {
	const dir = component.slice(0, component.lastIndexOf('/'));
	return ['+page.ts', '+page.server.ts'].some((f) => {
		const file = join(dir, f);
		return existsSync(file) && /export const csr\s*=\s*false/.test(readFileSync(file, 'utf8'));
	});
}

export function pageBundles(outDir) {
	const clientDir = join(outDir, 'output', 'client');
	const manifestFile = join(outDir, 'output', 'client', '.vite', 'manifest.json');
	if (!existsSync(manifestFile)) return null;
	const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
	const gz = new Map();
	const size = (file) => {
		if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(join(clientDir, file))).length);
		return gz.get(file);
	};
	const entries = Object.keys(manifest).filter((k) => manifest[k].isEntry);
	const closure = (keys) => {
		const seen = new Set();
		const lazy = new Set();
		const visit = (k) => {
			if (seen.has(k) || !manifest[k]) return;
			seen.add(k);
			for (const i of manifest[k].imports ?? []) visit(i);
			for (const d of manifest[k].dynamicImports ?? []) lazy.add(d);
		};
		keys.forEach(visit);
		return { files: [...seen].map((k) => manifest[k].file), lazy };
	};
	const isLiveKit = (file) => {
		const text = readFileSync(join(clientDir, file), 'utf8');
		return text.includes('LivekitError') || text.includes('livekit-client');
	};
	const root = nodeKeyOf(outDir, 'src/routes/+layout.svelte');
	const out = [];
	for (const [name, component] of Object.entries(PAGES)) {
		// A page that turns client-side rendering off is sent without any script at all.
		if (rendersWithoutScript(component)) {
			out.push({ name, gzipKiB: 0, liveKitBeforeVideo: false, noScript: true });
			continue;
		}
		const node = nodeKeyOf(outDir, component);
		if (!node) continue;
		const entryKeys = entries.filter((k) => !k.includes('/nodes/'));
		const { files } = closure([...entryKeys, root, node]);
		const kib = files.reduce((n, f) => n + size(f), 0) / 1024;
		out.push({ name, gzipKiB: kib, liveKitBeforeVideo: files.some(isLiveKit) });
	}
	const all = Object.values(manifest)
		.map((v) => v.file)
		.filter((f) => f.endsWith('.js'));
	const liveKit = [...new Set(all)].filter(isLiveKit);
	return {
		pages: out,
		liveKitGzipKiB: liveKit.reduce((n, f) => n + size(f), 0) / 1024
	};
}

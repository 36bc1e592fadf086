import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// BUILD_DIR / SVELTEKIT_OUT_DIR let parallel builds (several developers, CI) not collide.
		adapter: adapter({ out: process.env.BUILD_DIR ?? 'build', precompress: true }),
		outDir: process.env.SVELTEKIT_OUT_DIR ?? '.svelte-kit',
		// A page's stylesheets (the layout's 6 KB and a few hundred bytes per component) travel in
		// its HTML: each was a render-blocking request of its own, and on a phone's link every
		// round trip delays the first paint (Lighthouse, slow 4G: 7 stylesheets before /results).
		inlineStyleThreshold: 8192,
		// The Node server and the benchmark share src/lib's TypeScript: type-check them too.
		typescript: {
			config: (tsconfig) => {
				tsconfig.include.push('../server/**/*.ts', '../bench/**/*.ts');
				return tsconfig;
			}
		},
		// Cross-site form posts are refused by the app's own hook (src/lib/server/form-origin.ts),
		// rule for rule as SvelteKit's check but in the reader's language; SvelteKit's own answered
		// before any hook, in English plain text. ORIGIN is set by server/config.
		csrf: { trustedOrigins: ['*'] },
		// Hashes, not nonces: a public page is served from memory to many readers (public-cache.ts),
		// and a nonce must never be shown twice.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'media-src': ['self', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self', 'ws:', 'wss:'],
				'frame-src': ['self'],
				'worker-src': ['self', 'blob:'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;

import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import promise from 'eslint-plugin-promise';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** What the pure domain and the wire protocol must never import: frameworks and I/O. */
const IMPURE_MODULES = [
	'svelte',
	'fs',
	'path',
	'crypto',
	'yjs',
	'socket.io',
	'socket.io-client',
	'drizzle-orm',
	'better-sqlite3'
];
const IMPURE_PATTERNS = [
	'svelte/*',
	'$app/*',
	'$env/*',
	'node:*',
	'y-*',
	'drizzle-orm/*',
	'livekit-*',
	'**/server/**',
	'$lib/server/*',
	'$lib/client/*',
	'$lib/components/*'
];

const PURE = 'domain/ and protocol/ stay free of frameworks and I/O';

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	promise.configs['flat/recommended'],
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			],
			'svelte/no-navigation-without-resolve': 'off',
			'promise/always-return': 'off',
			'promise/catch-or-return': ['error', { allowFinally: true, allowThen: true }]
		}
	},
	{
		files: ['src/lib/domain/**', 'src/lib/protocol/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: IMPURE_MODULES.map((name) => ({ name, message: PURE })),
					patterns: IMPURE_PATTERNS.map((group) => ({ group: [group], message: PURE }))
				}
			]
		}
	},
	{
		ignores: [
			'build/',
			'build-*/',
			'.svelte-kit-*/',
			'.svelte-kit/',
			'node_modules/',
			'data/',
			'drizzle/',
			'test-results/',
			'bench/results/',
			'.tools/'
		]
	}
);

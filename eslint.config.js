import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import promise from 'eslint-plugin-promise';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** What the pure domain and the wire protocol must never import: frameworks and I/O. */
const IMPURE = [
	'svelte',
	'svelte/*',
	'$app/*',
	'$env/*',
	'node:*',
	'fs',
	'path',
	'crypto',
	'yjs',
	'y-*',
	'socket.io',
	'socket.io-client',
	'drizzle-orm',
	'drizzle-orm/*',
	'better-sqlite3',
	'livekit-*',
	'**/server/**',
	'$lib/server/*',
	'$lib/client/*',
	'$lib/components/*'
];

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
					patterns: IMPURE.map((group) => ({
						group: [group],
						message: 'domain/ and protocol/ stay free of frameworks and I/O'
					}))
				}
			]
		}
	},
	{
		ignores: [
			'build/',
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

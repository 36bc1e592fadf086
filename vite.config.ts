import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { realtimeDevPlugin } from './server/dev-plugin.js';
import { messagesAsJsonParse } from './server/vite-messages.js';
import { compileHints } from './server/vite-compile-hints.js';

export default defineConfig({
	plugins: [messagesAsJsonParse(), sveltekit(), realtimeDevPlugin(), compileHints()],
	test: {
		projects: [
			{
				extends: true,
				test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' }
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					environment: 'node',
					testTimeout: 90_000,
					hookTimeout: 120_000,
					fileParallelism: false
				}
			}
		]
	}
});

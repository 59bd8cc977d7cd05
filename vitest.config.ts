import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		pool: 'forks',
		testTimeout: 30_000,
		hookTimeout: 30_000,
		// Two cores: keep heavy end-to-end files from starving each other's timers.
		maxWorkers: 2,
	},
});

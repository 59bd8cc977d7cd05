import {defineConfig} from 'vitest/config';

/**
 * Files that spend their time waiting for the wall clock (a deadline's minute, a retention sweep, a
 * clock step to be seen, a crash loop's window) with the box nearly idle: under a tenth to a fifth of
 * a core over their run, measured one by one with `time npx vitest run FILE`. They run first, several
 * at once, so their waits overlap instead of holding one of the two slots the busy files share. A file
 * that does real work while it waits (building, many processes, a console drawing) belongs with the rest.
 */
const waitingFiles = [
	'test/cli/status-deadlines.test.ts',
	'test/e2e/retention-after-clock-jump.test.ts',
	'test/e2e/deadline-after-clock-jump.test.ts',
	'test/e2e/heartbeat-after-clock-jump.test.ts',
	'test/e2e/scheduler-thread-crash.test.ts',
	'test/remote/workers-faults.test.ts',
	'test/e2e/console-scheduler-zone.test.ts',
	'test/e2e/console-log-days.test.ts',
	'test/e2e/console-midnight.test.ts',
	'test/e2e/crash-loop-held-alert-clock-step.test.ts',
	'test/e2e/was-down-gap-precision.test.ts',
	'test/e2e/clock-back-then-pause.test.ts',
	'test/e2e/process-log-full-disk.test.ts',
	'test/e2e/scheduler-crash-loop.test.ts',
];

export default defineConfig({
	test: {
		pool: 'forks',
		testTimeout: 30_000,
		hookTimeout: 30_000,
		projects: [
			{
				extends: true,
				test: {
					name: 'waiting',
					include: waitingFiles,
					maxWorkers: 6,
					sequence: {groupOrder: 0},
				},
			},
			{
				extends: true,
				test: {
					name: 'busy',
					include: ['test/**/*.test.{ts,tsx}'],
					exclude: waitingFiles,
					// Two cores, three files at once: most files spend part of their time waiting for their
					// processes (two at once left a fifth of the CPU idle over the end-to-end tests, three a
					// twelfth); more starve heavy end-to-end files' timers.
					maxWorkers: 3,
					sequence: {groupOrder: 1},
				},
			},
		],
	},
});

import {readdirSync} from 'node:fs';
import path from 'node:path';
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

/**
 * Folders whose tests run the product's code in the test's own process (renders, engines, stores) and
 * leave nothing behind: their files share worker processes instead of each starting one, which spares
 * each file a fresh import of its modules (measured two workers at a time: ui and the engine's folders,
 * 130 files, 270 → 180 s; host, executors, http and supervisor, 121 files, 479 → 381 s of CPU). A file that changes its
 * process for good (V8 flags, Ink's installed frame caches, chalk's colour level left set) or measures
 * its process's memory keeps a process of its own.
 */
const sharedFolders = [
	'test/ui', 'test/scheduler', 'test/config', 'test/store', 'test/log', 'test/metrics', 'test/notify', 'test/market', 'test/core', 'test/jobs',
	'test/host', 'test/executors', 'test/http', 'test/supervisor',
];
const ownProcessFiles = [
	'test/ui/ink-frame-cache.test.tsx',
	'test/ui/bounded-memory.test.tsx',
	'test/notify/hanging-channel-collected.test.ts',
	'test/jobs/health-check-timeout.test.ts',
];

/** Test files under a folder, as paths from the project root. */
const testFilesUnder = (folder: string) => readdirSync(new URL(folder, import.meta.url), {recursive: true, encoding: 'utf8'})
	.filter(file => /\.test\.tsx?$/.test(file))
	.map(file => path.join(folder, file));
const sharedFiles = sharedFolders.flatMap(folder => testFilesUnder(folder)).filter(file => !ownProcessFiles.includes(file) && !waitingFiles.includes(file));

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
					name: 'shared',
					include: sharedFiles,
					isolate: false,
					// As busy: many of these files wait on threads and processes of their own.
					maxWorkers: 3,
					sequence: {groupOrder: 1},
				},
			},
			{
				extends: true,
				test: {
					name: 'busy',
					include: ['test/**/*.test.{ts,tsx}'],
					exclude: [...waitingFiles, ...sharedFiles],
					// Two cores, three files at once: most files spend part of their time waiting for their
					// processes (two at once left a fifth of the CPU idle over the end-to-end tests, three a
					// twelfth); more starve heavy end-to-end files' timers.
					maxWorkers: 3,
					sequence: {groupOrder: 2},
				},
			},
		],
	},
});

/**
 * `sage-console reload` after an edit that changed only settings the scheduler applies at once
 * (max_parallel, a queue's limit, retention, shutdown) names them, as the scheduler's log line does:
 * it answered `reloaded: 0 added, 0 removed, 0 changed`, as if the edit had been ignored. Whether the
 * scheduler's own watcher applied the saved file first or the reload did, the answer is the same.
 */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();
const jobs = 'jobs:\n  - {id: a, trigger: manual, command: ["true"], queue: data}\n';

describe('sage-console reload of a settings-only edit', () => {
	it('names each setting it changed, old → new', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': `max_parallel: 4\nqueues:\n  data: 2\n${jobs}`});
		await schedulerStarted(processes.start(root.dir));
		writeFileSync(path.join(root.dir, 'config/jobs.yaml'), `max_parallel: 1\nqueues:\n  data: 1\nshutdown: cancel\nretention:\n  runs_days: 30\n${jobs}`);
		const reload = runCli(['reload', '--root', root.dir]);
		expect(reload.stderr).toBe('');
		expect(reload.code).toBe(0);
		expect(reload.stdout).toBe('reloaded: 0 added, 0 removed, 0 changed; max_parallel 4 → 1, queues data: 2 → 1, runs_days 90 → 30, shutdown wait → cancel\n');
		// Asked again with nothing edited since: nothing changed.
		const again = runCli(['reload', '--root', root.dir]);
		expect(again.stdout).toBe('reloaded: 0 added, 0 removed, 0 changed\n');
	});
});

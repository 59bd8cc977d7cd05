/**
 * A run's row is in the database file, `running` with its log, before its work starts: a scheduler
 * killed with -9 the moment after a command was spawned (or a module run handed to its thread) leaves
 * a run the next start closes as interrupted, never a job that ran with no trace in history, whose
 * id and log the next start would then give to another run. Looked at the way another process (the
 * next start, `sqlite3`) sees the file: a connection of its own, at the moment each start is asked.
 */
import {describe, expect, it} from 'vitest';
import {readRuns, type RunRow} from '../helpers/history-file.js';
import {trackTestSchedulers} from '../helpers/test-scheduler.js';
import {makeTempRoot, testJobs} from '../helpers/temp-root.js';

const openScheduler = trackTestSchedulers();

describe('a run\'s row before its work starts', () => {
	it('is committed, running with its log, when its command or module is started, also for runs started together', async () => {
		const root = makeTempRoot(testJobs);
		const seen: Array<{runId: number; logPath: string; row: RunRow | undefined}> = [];
		const t = openScheduler('jobs:\n  - {id: cmd, trigger: manual, command: ["true"], concurrency: allow}\n  - {id: mod, trigger: manual, module: jobs/ok.ts, concurrency: allow}\n', {
			root,
			executor: local => ({
				start(spec, sink) {
					seen.push({runId: spec.runId, logPath: spec.logPath, row: readRuns(root.dir).find(run => run.id === spec.runId)});
					return local.start(spec, sink);
				},
				close: async () => local.close(),
			}),
		});
		t.scheduler.start();
		// Three asked for in one turn: they start together, as a second's fires do.
		const runs = [t.scheduler.submit('cmd'), t.scheduler.submit('mod'), t.scheduler.submit('cmd')].map(result => (result.ok ? result.run.id : 0));
		await expect.poll(() => seen.length, {timeout: 20_000}).toBe(3);
		expect(seen.map(({runId, logPath, row}) => ({runId, status: row?.status, logPath: row?.log_path === logPath}))).toEqual(runs.map(runId => ({runId, status: 'running', logPath: true})));
		for (const runId of runs) {
			expect((await t.scheduler.whenFinished(runId))?.status).toBe('success');
		}
	});
});

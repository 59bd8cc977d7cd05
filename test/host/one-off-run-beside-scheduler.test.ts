/**
 * A scheduler started while a one-off `sage-console run` (no scheduler was running, so it ran the job
 * in its own process) is still going leaves that run to it: with the built binary, a real command job
 * and a real module job, the one-off's run is not taken for one a dead scheduler left — its process is
 * not killed, its row not marked `interrupted` — and the one-off finishes and records it `success`.
 */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {readRuns} from '../helpers/history-file.js';
import {schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

describe('a one-off run and a scheduler started beside it', () => {
	it.each([
		['a command job', 'shell'],
		['a module job', 'module'],
	])('%s run by a one-off `run` is left to it: it ends success, not interrupted', async (_what, jobId) => {
		// The run goes on until the test says so (go), past the scheduler's start however slow: a run of a
		// fixed 4 s ended before a start slowed by a loaded box looked at it.
		const root = processes.makeRoot();
		const go = path.join(root.dir, 'go');
		root.write('config/jobs.yaml', `jobs:
  - {id: shell, trigger: manual, command: ["sh", "-c", "while [ ! -e ${go} ]; do sleep 0.1; done; echo done"]}
  - {id: module, trigger: manual, module: jobs/wait.ts}
`);
		root.write('jobs/wait.ts', `import {existsSync} from 'node:fs';
export default async function run() {
	while (!existsSync(${JSON.stringify(go)})) {
		await new Promise(resolve => setTimeout(resolve, 100));
	}

	return {waited: true};
}
`);
		const oneOff = startCli(['run', jobId, '--root', root.dir]);
		processes.track(oneOff);
		const row = await waitFor(() => readRuns(root.dir).find(run => run.job_id === jobId && run.status === 'running' && run.pid !== null), 20_000, 'the one-off run to start');

		const scheduler = processes.start(root.dir);
		await schedulerStarted(scheduler);
		writeFileSync(go, '');
		expect(await oneOff.exited).toBe(0);
		expect(readRuns(root.dir).filter(run => run.job_id === jobId)).toMatchObject([{id: row.id, status: 'success', error_type: null}]);
		expect(scheduler.output().stdout).not.toContain('left running by a previous scheduler');
		expect(scheduler.output().stdout).toContain(`run ${row.id} of ${jobId} belongs to a one-off \`sage-console run\` still going (pid ${oneOff.child.pid}): left to it`);
		scheduler.child.kill('SIGTERM');
		expect(await scheduler.exited).toBe(0);
	}, 60_000);
});

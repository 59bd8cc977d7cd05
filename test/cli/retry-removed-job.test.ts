/**
 * `retry RUN` of a run whose job has since been removed from jobs.yaml says so, from the CLI (exit 1)
 * and the API (409 not-started): it said only `no job "broken"`, as if the run id named a job.
 */
import {expect, it} from 'vitest';
import {startHeadlessWithApi} from '../helpers/headless-api.js';
import {runCli, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();

it('a run of a job no longer in jobs.yaml is not retried, naming the job and why', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': `jobs:
  - {id: greet, trigger: manual, command: ["true"]}
  - {id: broken, trigger: manual, command: ["sh", "-c", "exit 3"]}
`});
	const {url} = await startHeadlessWithApi(processes, root.dir);
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
	const failed = cli('run', 'broken');
	expect(failed.code).toBe(1);
	const runId = /^run (\d+) broken/m.exec(failed.stdout)![1]!;

	root.write('config/jobs.yaml', 'jobs:\n  - {id: greet, trigger: manual, command: ["true"]}\n');
	expect(cli('reload').stdout).toContain('- broken');
	const refusal = `run ${runId}'s job broken is no longer in jobs.yaml: nothing to retry it with`;
	expect(cli('retry', runId)).toMatchObject({code: 1, stdout: '', stderr: `not retried: ${refusal}\n`});
	const answer = await fetch(`${url}/v1/runs/${runId}/retry`, {method: 'POST'});
	expect(answer.status).toBe(409);
	expect(await answer.json()).toMatchObject({error: 'not-started', message: refusal});
}, 60_000);

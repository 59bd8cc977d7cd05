/**
 * `retry RUN` of a run that succeeded, against a real headless scheduler: refused with the same words
 * from the CLI (exit 1) and the API (409 not-started), as the console's R refuses it, and no run is made;
 * a failed run of the same job is still retried. Before, the CLI and the API ran a succeeded run again as
 * its "attempt 2" while the console said `nothing to retry`.
 */
import {expect, it} from 'vitest';
import {startHeadlessWithApi} from '../helpers/headless-api.js';
import {runCli, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();

const jobs = `jobs:
  - {id: greet, trigger: manual, command: ["sh", "-c", "echo hello"]}
  - {id: broken, trigger: manual, command: ["sh", "-c", "echo boom >&2; exit 3"]}
`;

it('a succeeded run is not retried, from the CLI or the API, saying so; a failed one is', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': jobs});
	const {url} = await startHeadlessWithApi(processes, root.dir);
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
	const historyIds = () => (JSON.parse(cli('history', '--json').stdout) as Array<{id: number}>).map(run => run.id);

	const succeeded = cli('run', 'greet');
	expect(succeeded.code).toBe(0);
	const runId = /^run (\d+) greet/m.exec(succeeded.stdout)![1]!;
	const refusal = `run ${runId} succeeded: nothing to retry (to run greet again: sage-console run greet)`;

	const retried = cli('retry', runId);
	expect(retried).toMatchObject({code: 1, stdout: '', stderr: `not retried: ${refusal}\n`});
	const answer = await fetch(`${url}/v1/runs/${runId}/retry`, {method: 'POST'});
	expect(answer.status).toBe(409);
	expect(await answer.json()).toMatchObject({error: 'not-started', message: refusal});
	expect(historyIds()).toEqual([Number(runId)]);

	// A failed run is what retry is for.
	const failed = cli('run', 'broken');
	expect(failed.code).toBe(1);
	const failedId = /^run (\d+) broken/m.exec(failed.stdout)![1]!;
	expect(cli('retry', failedId)).toMatchObject({code: 0, stdout: expect.stringMatching(/^retrying as run \d+ \(broken, attempt 2\)\n$/) as string});
}, 60_000);

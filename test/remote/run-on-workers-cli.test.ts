/**
 * `sage-console run JOB` of a `run_on: workers` job, through the live scheduler: it prints the run's
 * log lines and its end, and no progress line when there is no progress to tell. A worker taking the
 * run (which tells clients where it runs) printed a line of the job's id and blanks (`remote_cmd      `)
 * among the log lines. Its closing line names the worker (`… success in 0.3s on worker host:pid`), as
 * history and show do; it did not. A real redis-server, a real worker, the built binary attached to the host.
 */
import {afterAll, beforeAll, expect, it} from 'vitest';
import {startCli} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {openRemoteStage, type RemoteStage} from './remote-stage.js';

let stage: RemoteStage;

/**
 * Reports step 1 (50%), then step 2 once the test has seen step 1 printed (data/go): a run's progress
 * reaches clients gathered every 250 ms, the newest report of a run only, so a step 1 followed by step 2
 * within one gathering (steps 700 ms apart, read late on a loaded box) was never sent.
 */
const gatedSteps = `import {existsSync} from 'node:fs';
import path from 'node:path';
export default async function run(ctx: any) {
	ctx.progress(0.5, 'step 1');
	while (!existsSync(path.join(ctx.paths.data, 'go')) && !ctx.signal.aborted) {
		await new Promise(r => setTimeout(r, 50));
	}
	ctx.progress(1, 'step 2');
	return {steps: 2};
}
`;

beforeAll(async () => {
	stage = await openRemoteStage({jobsYaml: `jobs:
  - {id: remote_cmd, trigger: manual, command: ["sh", "-c", "echo first; sleep 0.3; echo second"], run_on: workers}
  - {id: remote_steps, trigger: manual, module: jobs/gated-steps.ts, run_on: workers}
`, workerArgs: [], workerCount: 1, files: {'jobs/gated-steps.ts': gatedSteps}});
}, 60_000);

afterAll(async () => {
	await stage?.close();
}, 30_000);

async function run(jobId: string): Promise<{code: number | null; lines: string[]}> {
	const cli = startCli(['run', jobId, '--root', stage.root.dir]);
	const code = await cli.exited;
	return {code, lines: cli.output().stdout.split('\n')};
}

it('prints no empty progress line for a command run on a worker', async () => {
	const {code, lines} = await run('remote_cmd');

	expect(code).toBe(0);
	expect(lines.some(line => line.includes('INFO  first'))).toBe(true);
	expect(lines.some(line => line.includes('INFO  second'))).toBe(true);
	expect(lines.some(line => /^run \d+ remote_cmd \[[\d-]+\]: success/.test(line))).toBe(true);
	expect(lines.filter(line => line.trim() === 'remote_cmd')).toEqual([]);
}, 60_000);

it('names the worker that carried the run out in its closing line', async () => {
	const {code, lines} = await run('remote_cmd');

	expect(code).toBe(0);
	expect(lines.filter(line => line.startsWith('run '))).toEqual([expect.stringMatching(new RegExp(`^run \\d+ remote_cmd \\[[\\d-]+\\]: success in [\\d.]+m?s on worker ${stage.workers[0]!.name.replaceAll('.', '\\.')}$`))]);
}, 60_000);

it('prints the progress a module run on a worker reports, and no empty one', async () => {
	const cli = startCli(['run', 'remote_steps', '--root', stage.root.dir]);
	await waitFor(() => cli.output().stdout.includes('remote_steps  50% step 1'), 30_000, 'step 1\'s progress printed');
	stage.root.write('data/go', '');
	const code = await cli.exited;
	const lines = cli.output().stdout.split('\n');

	expect(code).toBe(0);
	expect(lines).toContain('remote_steps  50% step 1');
	expect(lines.filter(line => line.trim() === 'remote_steps')).toEqual([]);
}, 60_000);

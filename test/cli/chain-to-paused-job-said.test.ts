/**
 * A job whose `after:` parents all succeeded while it is paused gets no chain run, and the scheduler's
 * log (the console's tail) says so: nothing was said, so the day's chain run was simply never there,
 * and nothing brings it back at the resume.
 * Built binaries, a real headless scheduler.
 */
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

const jobsYaml = `jobs:
  - {id: sync_bars, trigger: manual, command: ["true"]}
  - {id: indicators, after: [sync_bars], paused: true, command: ["true"]}
`;

it('says the chain of a paused job was not started', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
	const headless = processes.start(root.dir);
	await schedulerStarted(headless);
	const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);

	const run = cli('run', 'sync_bars');
	expect(run.code, run.stdout + run.stderr).toBe(0);
	const line = await waitFor(() => /indicators: sync_bars succeeded for \d{4}-\d\d-\d\d; the chain is not started: indicators is paused/.exec(headless.output().stdout) ?? undefined, 30_000, 'the scheduler to say the chain was not started');
	expect(line).toBeTruthy();
	expect(JSON.parse(cli('history', '--job', 'indicators', '--json').stdout)).toEqual([]);
}, 90_000);

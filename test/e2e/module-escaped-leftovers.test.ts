/**
 * The scheduler killed with -9 while a module job runs whose child processes outlive it: a plain
 * child of the job (reparented to init when the scheduler dies) and one that left with `setsid`. Both
 * carry the run's mark (the job's worker thread had it in its process.env), so the next start ends
 * them, and nothing else.
 */
import {spawn, spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it, onTestFinished} from 'vitest';
import {isStillRunning, readProcStat} from '../../src/executors/proc-stat.js';
import {readRuns} from '../helpers/history-file.js';
import {binary, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

/** Every process whose command line contains `marker`. */
function processesWith(marker: string): number[] {
	const found = spawnSync('pgrep', ['-f', marker], {encoding: 'utf8'}).stdout.trim();
	return found ? found.split('\n').map(Number).filter(pid => pid !== process.pid) : [];
}

describe('what a module job\'s children left, after a kill -9', () => {
	it('the next start ends the job\'s child and its setsid grandchild, and no process without the run\'s mark', async () => {
		// Sleeps of a length no other process has, to find them by their command line.
		const marker = `5${String(process.pid).padStart(2, '0')}.${Date.now() % 100_000}`;
		onTestFinished(() => {
			for (const pid of processesWith(marker)) {
				process.kill(pid, 'SIGKILL');
			}
		});
		const root = processes.makeRoot({
			'jobs/spawner.ts': `import {spawn} from 'node:child_process';
export default async function run(ctx: any) {
	spawn('sh', ['-c', "(setsid sh -c 'touch escaped; exec sleep ${marker}' &)"], {cwd: ctx.paths.root, stdio: 'ignore'});
	spawn('sleep', ['${marker}'], {stdio: 'ignore'});
	await new Promise(resolve => ctx.signal.addEventListener('abort', resolve));
}
`,
			'config/jobs.yaml': `jobs:
  - {id: spawner, trigger: manual, module: jobs/spawner.ts, concurrency: skip}
`,
		});
		const app = processes.start(root.dir);
		await schedulerStarted(app);
		expect(spawnSync(binary, ['run', 'spawner', '--detach', '--root', root.dir], {encoding: 'utf8'}).status).toBe(0);
		await waitFor(() => processesWith(marker).length === 2 && existsSync(path.join(root.dir, 'escaped')), 20_000, 'the job\'s two processes');
		const row = await waitFor(() => readRuns(root.dir).find(entry => entry.status === 'running' && entry.pid), 20_000, 'the run with its process');
		expect(row.pid).toBe(app.child.pid);
		const unmarked = spawn('sleep', [marker], {detached: true, stdio: 'ignore'});
		onTestFinished(() => {
			unmarked.kill('SIGKILL');
		});
		const bystander = {pid: unmarked.pid!, startTicks: readProcStat(unmarked.pid!)!.startTicks};
		app.child.kill('SIGKILL');
		await app.exited;
		// Nothing ends a job's children with the scheduler.
		expect(processesWith(marker).length).toBe(3);

		const next = processes.start(root.dir);
		await schedulerStarted(next);
		await waitFor(() => processesWith(marker).length === 1, 20_000, 'what the dead run left to be ended');
		expect(isStillRunning(bystander.pid, bystander.startTicks)).toBe(true);
		await waitFor(() => readRuns(root.dir).some(entry => entry.id === row.id && entry.status === 'interrupted'), 10_000, 'the run marked interrupted');
		expect(next.output().stdout).toContain(`run ${row.id} of spawner was left running by a previous scheduler: pid ${row.pid}: ended what its run left of process group ${row.pid} (0 processes) and 2 descendants outside it`);
	});
});

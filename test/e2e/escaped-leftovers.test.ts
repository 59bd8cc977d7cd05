/**
 * The scheduler killed with -9 while command jobs run whose children left with `setsid` (a Python
 * job that forks and calls os.setsid(), a shell's `setsid sleep &`): the job's own process dies with
 * the scheduler, its group's members and the escaped children live on, reparented to init. The next
 * start ends them all, found by the run's mark in their environment, and nothing else.
 */
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it, onTestFinished} from 'vitest';
import {isStillRunning, readProcStat} from '../../src/executors/proc-stat.js';
import {readRuns} from '../helpers/history-file.js';
import {binary, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

const daemonize = `import os, sys, time
if os.fork() == 0:
    os.setsid()
    with open('escaped', 'w') as out:
        out.write(f'{os.getpid()}\\n')
    time.sleep(300)
    os._exit(0)
time.sleep(300)
`;

/** Every process whose command line contains `marker`. */
function processesWith(marker: string): number[] {
	const found = spawnSync('pgrep', ['-f', marker], {encoding: 'utf8'}).stdout.trim();
	return found ? found.split('\n').map(Number).filter(pid => pid !== process.pid) : [];
}

/** A process of ours that nothing may end, with `env` added to its environment. */
function bystander(env: Record<string, string>): {pid: number; startTicks: number} {
	const child = spawn('sleep', ['300'], {detached: true, stdio: 'ignore', env: {...process.env, ...env}});
	onTestFinished(() => {
		child.kill('SIGKILL');
	});
	return {pid: child.pid!, startTicks: readProcStat(child.pid!)!.startTicks};
}

describe('what escaped a command job\'s tree, after a kill -9', () => {
	it('the next start ends children that left with setsid and lost their parent, and no process without the run\'s mark', async () => {
		// Sleeps of a length no other process has, to find them by their command line.
		const marker = `4${String(process.pid).padStart(2, '0')}.${Date.now() % 100_000}`;
		onTestFinished(() => {
			for (const pid of processesWith(marker)) {
				process.kill(pid, 'SIGKILL');
			}
		});
		const root = processes.makeRoot({
			'jobs/daemonize.py': daemonize,
			'config/jobs.yaml': `jobs:
  - {id: forks, trigger: manual, command: ["python3", "jobs/daemonize.py", "${marker}"], concurrency: skip}
  - {id: shell, trigger: manual, command: ["sh", "-c", "setsid sleep ${marker} & sleep ${marker}; wait"], concurrency: skip}
`,
		});
		const app = processes.start(root.dir);
		await schedulerStarted(app);
		for (const job of ['forks', 'shell']) {
			expect(spawnSync(binary, ['run', job, '--detach', '--root', root.dir], {encoding: 'utf8'}).status).toBe(0);
		}

		// Python and its forked child; the shell and its two sleeps.
		await waitFor(() => processesWith(marker).length === 5 && existsSync(path.join(root.dir, 'escaped')), 20_000, 'both jobs\' processes');
		const rows = await waitFor(() => {
			const running = readRuns(root.dir).filter(entry => entry.status === 'running' && entry.pid);
			return running.length === 2 ? running : undefined;
		}, 20_000, 'both runs with their pids');
		const forked = Number(readFileSync(path.join(root.dir, 'escaped'), 'utf8'));
		await waitFor(() => readProcStat(forked)?.sid === forked, 15_000, 'the forked child in a session of its own');
		const sameRunId = bystander({SAGE_RUN_ID: String(rows[0]!.id), SAGE_RUN_LOG: path.join(root.dir, 'logs/jobs/elsewhere.log')});
		const unmarked = bystander({});
		app.child.kill('SIGKILL');
		await app.exited;
		// The jobs' own processes die with the scheduler (parent-death signal); what left their sessions does not.
		await waitFor(() => rows.every(row => [undefined, 'Z'].includes(readProcStat(row.pid!)?.state)), 10_000, 'the jobs\' processes to die with the scheduler');
		expect(isStillRunning(forked, readProcStat(forked)!.startTicks)).toBe(true);
		expect(processesWith(marker).length).toBe(3);

		const next = processes.start(root.dir);
		await schedulerStarted(next);
		await waitFor(() => processesWith(marker).length === 0, 20_000, 'what the dead runs left, escaped children included, to be ended');
		await waitFor(() => readRuns(root.dir).filter(entry => entry.status === 'interrupted').length === 2, 10_000, 'the runs marked interrupted');
		expect(isStillRunning(sameRunId.pid, sameRunId.startTicks)).toBe(true);
		expect(isStillRunning(unmarked.pid, unmarked.startTicks)).toBe(true);
		const shellRun = rows.find(row => row.job_id === 'shell')!;
		expect(next.output().stdout).toContain(`run ${shellRun.id} of shell was left running by a previous scheduler: pid ${shellRun.pid}: ended what its run left of process group ${shellRun.pid} (1 process) and 1 descendant outside it`);
	});
});

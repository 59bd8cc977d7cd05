/**
 * A run on a worker whose job was paused, or removed from jobs.yaml, while it ran gets no next attempt
 * when its worker is killed with -9 under it, as a local run's retry is held then: it ends interrupted,
 * saying why it was not handed to another worker, and its failure is final, alerted once (after the
 * scheduler's stop too, no second attempt in history). It was handed over all the same: a paused job ran its next attempt on the other
 * worker, and a removed job's was refused ("no job") with its failure alert held for it forever. Real
 * parts: a redis-server, two `sage-console worker` processes (2 s BullMQ lock), a headless scheduler,
 * SQLite, a local WeCom robot.
 */
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {expect, it} from 'vitest';
import {alertRobotRoots, robotMessages} from '../helpers/alert-robot-root.js';
import {redisAndWorkersForFile} from '../helpers/redis-and-workers-for-file.js';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const alertRoot = alertRobotRoots(processes);
const {redis: redisServer, workers: workerProcesses} = redisAndWorkersForFile();

/** Runs until it is stopped (its worker is killed under it). */
const longJob = `export default async function run(ctx: any) {
	while (!ctx.signal.aborted) await new Promise(r => setTimeout(r, 100));
	return {aborted: true};
}
`;

type Row = {id: number; job_id: string; attempt: number; status: string; worker: string | null; error_message: string | null};

function rows(root: string): Row[] {
	const db = new Database(path.join(root, 'data/sage.db'), {readonly: true});
	try {
		db.pragma('busy_timeout = 5000');
		return db.prepare('SELECT id, job_id, attempt, status, worker, error_message FROM runs ORDER BY id').all() as Row[];
	} finally {
		db.close();
	}
}

const jobsYaml = (jobs: string) => `redis: ${redisServer().url()}
jobs:
${jobs}`;
const handedLine = '  - {id: handed, trigger: manual, module: jobs/handed.ts, run_on: workers, queue: heavy, retries: 1, retry_backoff: 1s}\n';
const otherLine = '  - {id: other, trigger: manual, command: ["true"]}\n';

/** Run 1 of `handed` on one of two workers, `hold` done while it runs, then that worker killed. */
async function killedWhileHeld(hold: (root: string) => void) {
	const {root, robot} = await alertRoot(jobsYaml(handedLine + otherLine));
	mkdirSync(path.join(root, 'jobs'), {recursive: true});
	writeFileSync(path.join(root, 'jobs/handed.ts'), longJob);
	const workerArgs = ['--queues', 'heavy', '--lock-duration', '2s', '--stalled-interval', '1s'];
	const workers = [await workerProcesses.start(root, redisServer().url(), workerArgs), await workerProcesses.start(root, redisServer().url(), workerArgs)];
	const scheduler = processes.start(root);
	await schedulerStarted(scheduler);
	expect(runCli(['run', 'handed', '--detach', '--root', root]).stdout.trim()).toBe('1');
	const taken = await waitFor(() => rows(root).find(row => row.id === 1 && row.status === 'running' && row.worker !== null), 30_000, 'run 1 to start on a worker');
	hold(root);
	const victim = workers.find(worker => worker.name === taken.worker)!;
	victim.child.kill('SIGKILL');
	await victim.exited;
	return {root, robot, scheduler};
}

const failureAlerts = (robot: Parameters<typeof robotMessages>[0]) => robotMessages(robot).filter(text => text.startsWith('### ❌ handed interrupted'));

it('does not hand over a run whose job was paused while it ran: interrupted, final, alerted once', async () => {
	const {root, robot, scheduler} = await killedWhileHeld(root => {
		expect(runCli(['pause', 'handed', '--root', root]).code).toBe(0);
	});

	await waitFor(() => rows(root)[0]!.status === 'interrupted', 60_000, 'run 1 to end');
	await waitFor(() => failureAlerts(robot).length === 1, 30_000, 'the failure alert');
	expect(rows(root).map(row => [row.id, row.job_id, row.attempt, row.status])).toEqual([[1, 'handed', 1, 'interrupted']]);
	expect(rows(root)[0]!.error_message).toMatch(/; not handed to another worker: handed was paused while it ran$/);
	expect(runCli(['show', '1', '--root', root]).stdout).not.toContain('attempt 2 of 2');
	scheduler.child.kill('SIGTERM');
	expect(await scheduler.exited).toBe(0);
	expect(rows(root)).toHaveLength(1);
	expect(failureAlerts(robot)).toHaveLength(1);
}, 180_000);

it('does not hand over a run whose job a reload removed while it ran: interrupted, final, alerted once', async () => {
	const {root, robot, scheduler} = await killedWhileHeld(root => {
		writeFileSync(path.join(root, 'config/jobs.yaml'), jobsYaml(otherLine));
		expect(runCli(['reload', '--root', root]).code).toBe(0);
	});

	await waitFor(() => rows(root)[0]!.status === 'interrupted', 60_000, 'run 1 to end');
	await waitFor(() => failureAlerts(robot).length === 1, 30_000, 'the failure alert');
	expect(rows(root).map(row => [row.id, row.job_id, row.attempt, row.status])).toEqual([[1, 'handed', 1, 'interrupted']]);
	expect(rows(root)[0]!.error_message).toMatch(/; not handed to another worker: handed was removed from the config while it ran$/);
	expect(scheduler.output().stdout).not.toContain('could not be asked for');
	scheduler.child.kill('SIGTERM');
	expect(await scheduler.exited).toBe(0);
	expect(failureAlerts(robot)).toHaveLength(1);
}, 180_000);

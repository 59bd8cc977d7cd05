/**
 * What a worker says of a run its own jobs.yaml defines otherwise (worker-job-check.ts), with the
 * console's reader on both sides: the console's file makes the run as the scheduler sends it
 * (toJobData), the worker's file is read as a worker reads it. The message reaches history and the
 * phone, so env differences are named, never their values.
 */
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {parseJobsConfig} from '../../src/config/load-jobs-config.js';
import type {RunPaths} from '../../src/executors/executor.js';
import {toJobData, type RemoteJobData} from '../../src/remote/remote-job-data.js';
import {checkAgainstOwnJobs, type JobCheck} from '../../src/remote/worker-job-check.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';

let consoleRoot: TempRoot;
let worker: TempRoot;
beforeEach(() => {
	consoleRoot = makeTempRoot({'jobs/a.ts': 'export default () => 1;\n', 'jobs/b.ts': 'export default () => 2;\n'});
	worker = makeTempRoot({'jobs/a.ts': 'export default () => 1;\n'});
});
afterEach(() => {
	consoleRoot.remove();
	worker.remove();
});

const header = 'redis: redis://127.0.0.1:6379/0\njobs:\n';

/** A run of `jobId` as the console with `consoleJobs` sends it. */
function sentRun(consoleJobs: string, jobId: string): RemoteJobData {
	const job = parseJobsConfig(header + consoleJobs, 'config/jobs.yaml', consoleRoot.dir).jobs.find(candidate => candidate.id === jobId)!;
	const paths: RunPaths = {root: consoleRoot.dir, data: path.join(consoleRoot.dir, 'data'), processed: '', features: '', reports: '', logs: ''};
	const target = job.target.kind === 'group' ? undefined : job.target;
	return toJobData({runId: 7, jobId, target: target!, params: {}, scheduledAt: 0, attempt: 1, timeZone: 'UTC', logPath: path.join(consoleRoot.dir, 'logs/jobs/x.log'), paths}, 0);
}

/** What worker w1, whose jobs.yaml has `workerJobs`, makes of the run. */
function check(data: RemoteJobData, workerJobs: string): JobCheck {
	const jobs = parseJobsConfig(header + workerJobs, 'config/jobs.yaml', worker.dir, {moduleFilesOptional: true, modulesOutsideRoot: true}).jobs;
	return checkAgainstOwnJobs(data, {jobs, file: 'config/jobs.yaml', root: worker.dir}, 'w1');
}

const messageOf = (result: JobCheck) => 'error' in result ? `${result.error.type}: ${result.error.message.split(': the run was not carried out')[0]}` : 'runs';

describe('a worker checking a run against its own jobs.yaml', () => {
	it('runs the job as its own file defines it, placeholders compared as written, its cwd and module under its own root', () => {
		const jobs = `  - {id: cmd, trigger: manual, command: ["python3", "x.py", "{params.day}"], cwd: scripts, env: {TOKEN: abc}, run_on: workers}
  - {id: mod, trigger: manual, module: jobs/a.ts, run_on: workers}
`;
		expect(check(sentRun(jobs, 'cmd'), jobs)).toMatchObject({target: {kind: 'command', argv: ['python3', 'x.py', '{params.day}'], shell: false, cwd: path.join(worker.dir, 'scripts'), env: {TOKEN: 'abc'}}});
		expect(check(sentRun(jobs, 'mod'), jobs)).toMatchObject({target: {kind: 'module', path: path.join(worker.dir, 'jobs/a.ts')}});
	});

	it('refuses a job it lacks, or has but not on workers', () => {
		const jobs = '  - {id: train, trigger: manual, module: jobs/a.ts, run_on: workers}\n';
		expect(messageOf(check(sentRun(jobs, 'train'), '  - {id: other, trigger: manual, module: jobs/a.ts, run_on: workers}\n'))).toBe('JobNotOnWorker: worker w1\'s config/jobs.yaml has no job train');
		expect(messageOf(check(sentRun(jobs, 'train'), '  - {id: train, trigger: manual, module: jobs/a.ts}\n'))).toBe('JobNotOnWorker: worker w1\'s config/jobs.yaml does not put train on workers (run_on: workers)');
	});

	it('names what differs: the module, a command for a module, argv, shell, cwd, and env by names alone', () => {
		const module = (file: string) => `  - {id: j, trigger: manual, module: ${file}, run_on: workers}\n`;
		expect(messageOf(check(sentRun(module('jobs/b.ts'), 'j'), module('jobs/a.ts')))).toBe('JobDiffersOnWorker: worker w1\'s config/jobs.yaml defines j differently: module jobs/a.ts here, module jobs/b.ts on the scheduler');
		expect(messageOf(check(sentRun('  - {id: j, trigger: manual, command: ["true"], run_on: workers}\n', 'j'), module('jobs/a.ts')))).toBe('JobDiffersOnWorker: worker w1\'s config/jobs.yaml defines j differently: module jobs/a.ts here, command ["true"] on the scheduler');

		const sent = sentRun('  - {id: j, trigger: manual, command: ["sh", "a.sh"], cwd: scripts, env: {TOKEN: s3cret-console, SAME: x}, run_on: workers}\n', 'j');
		const result = check(sent, '  - {id: j, trigger: manual, command: ["sh", "b.sh"], shell: true, env: {TOKEN: s3cret-worker, SAME: x, EXTRA: y}, run_on: workers}\n');
		expect(messageOf(result)).toBe('JobDiffersOnWorker: worker w1\'s config/jobs.yaml defines j differently: command ["sh","b.sh"] here, ["sh","a.sh"] on the scheduler; shell: true here, false on the scheduler; cwd . here, scripts on the scheduler; env EXTRA, TOKEN not the same here as on the scheduler (values not shown)');
		expect(JSON.stringify(result)).not.toContain('s3cret');
	});

	it('maps its absolute paths inside the console\'s root (the run says it) under its own root, as the console mapped them', () => {
		// The same jobs.yaml on both machines names the console's checkout; the worker's lies elsewhere.
		const jobs = `  - {id: cmd, trigger: manual, command: ["sh", "x.sh"], cwd: ${consoleRoot.dir}/scripts, run_on: workers}
  - {id: mod, trigger: manual, module: ${consoleRoot.dir}/jobs/a.ts, run_on: workers}
  - {id: away, trigger: manual, command: ["sh", "x.sh"], cwd: /var/tmp, run_on: workers}
`;
		expect(check(sentRun(jobs, 'cmd'), jobs)).toMatchObject({target: {kind: 'command', cwd: path.join(worker.dir, 'scripts')}});
		expect(check(sentRun(jobs, 'mod'), jobs)).toMatchObject({target: {kind: 'module', path: path.join(worker.dir, 'jobs/a.ts')}});
		// A folder outside both roots is the same path on each machine.
		expect(check(sentRun(jobs, 'away'), jobs)).toMatchObject({target: {kind: 'command', cwd: '/var/tmp'}});
	});

	it('refuses a module outside its root that the run\'s data does not put inside the console\'s, saying why', () => {
		const jobs = `  - {id: mod, trigger: manual, module: ${consoleRoot.dir}/jobs/a.ts, run_on: workers}\n`;
		const {root: _root, ...fromOlderScheduler} = sentRun(jobs, 'mod');
		expect(messageOf(check(fromOlderScheduler, jobs))).toBe(`ModuleOutsideRoot: worker w1's config/jobs.yaml gives mod module ${consoleRoot.dir}/jobs/a.ts, outside the worker's root ${worker.dir} and the run does not say the scheduler's root to map it by (a scheduler of an older version)`);
		const elsewhere = '  - {id: mod, trigger: manual, module: /opt/elsewhere/a.ts, run_on: workers}\n';
		expect(messageOf(check(sentRun(jobs, 'mod'), elsewhere))).toBe(`ModuleOutsideRoot: worker w1's config/jobs.yaml gives mod module /opt/elsewhere/a.ts, outside the worker's root ${worker.dir} and outside the scheduler's root ${consoleRoot.dir}`);
	});
});

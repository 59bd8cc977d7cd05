/**
 * Whether a run that arrived from Redis is one this worker's own checkout defines: the job on workers
 * in its jobs.yaml, with the same module or the same command (argv template, shell, cwd, env). Redis
 * carries what to run, and whoever can write to Redis could otherwise have every worker run any
 * program; as Celery and Sidekiq run only tasks registered in the worker's code, a worker runs only
 * its own definitions. Params, the attempt and the trade date still come with the run: placeholders
 * (`{params.x}`, `{trade_date}`) are expanded here, in the worker's own argv, as a local run's are;
 * the params must fit the job's own `params_schema`, as the scheduler checks those asked for.
 */
import path from 'node:path';
import type {JobDefinition} from '../core/job-definition.js';
import {paramsProblem} from '../core/params-fit.js';
import type {RunError} from '../core/run-record.js';
import type {RunSpec} from '../executors/executor.js';
import {portable, type RemoteJobData, type RemoteTarget} from './remote-job-data.js';

export type OwnJobs = {
	/** The jobs of this worker's jobs.yaml, as last read without a problem. */
	jobs: readonly JobDefinition[];
	/** How the file is named in a run's error (`config/jobs.yaml`, relative to the root when inside it). */
	file: string;
	root: string;
};

export type JobCheck = {target: RunSpec['target']; job: JobDefinition} | {error: RunError};

/** The run's target as this worker defines its job, or the error the run fails with. */
export function checkAgainstOwnJobs(data: RemoteJobData, own: OwnJobs, worker: string): JobCheck {
	const whose = `worker ${worker}'s ${own.file}`;
	const advice = 'a worker runs only the run_on: workers jobs of its own checkout: bring it to the console\'s commit (the worker re-reads jobs.yaml by itself)';
	const job = own.jobs.find(candidate => candidate.id === data.jobId);
	if (!job) {
		return {error: {type: 'JobNotOnWorker', message: `${whose} has no job ${data.jobId}: the run was not carried out; ${advice}`}};
	}

	if (job.runOn !== 'workers' || job.target.kind === 'group') {
		return {error: {type: 'JobNotOnWorker', message: `${whose} does not put ${data.jobId} on workers (run_on: workers): the run was not carried out; ${advice}`}};
	}

	const mine = sent(job.target, own.root, data.root);
	if (mine.kind === 'module' && path.isAbsolute(mine.path)) {
		const consoleRoot = data.root === undefined ? 'and the run does not say the scheduler\'s root to map it by (a scheduler of an older version)' : `and outside the scheduler's root ${data.root}`;
		return {error: {type: 'ModuleOutsideRoot', message: `${whose} gives ${data.jobId} module ${mine.path}, outside the worker's root ${own.root} ${consoleRoot}: the run was not carried out; job modules live under the project root: write the module relative to it (jobs/x.ts)`}};
	}

	const differences = targetDifferences(mine, data.target);
	if (differences.length > 0) {
		return {error: {type: 'JobDiffersOnWorker', message: `${whose} defines ${data.jobId} differently: ${differences.join('; ')}: the run was not carried out; ${advice}`}};
	}

	// The job's own params (jobs.yaml's `params:`) need not be in its schema, as the scheduler does not
	// ask them to be; a required param is the scheduler's to ask for (a scheduled run may lack it).
	const params = paramsProblem(job, askedOf(data.params, job.params), {required: false});
	if (params) {
		return {error: {type: 'BadParamsOnWorker', message: `${whose}: ${params.message}: the run was not carried out; ${advice}`}};
	}

	return {target: placed(job.target, mine, own.root), job};
}

/** The worker's own target, its module or cwd where the mapped path `mine` puts it under this root. */
function placed(target: RunSpec['target'], mine: RemoteTarget, root: string): RunSpec['target'] {
	if (mine.kind === 'module') {
		return {kind: 'module', path: path.resolve(root, mine.path)};
	}

	return target.kind === 'command' ? {...target, cwd: path.resolve(root, mine.cwd ?? '.')} : target;
}

/** The params of a run that are not its job's own as this worker defines them (those the run was asked for with). */
function askedOf(params: Record<string, unknown>, own: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(params).filter(([name, value]) => !(Object.hasOwn(own, name) && json(value) === json(own[name]))));
}

/**
 * A target of this worker's config as the console would have sent it (remote-job-data.ts): a path
 * relative to this root when inside it; else, written absolute for the console's checkout
 * (`/srv/trading/scripts` where this one is /home/w/trading), relative to the console's root when
 * inside that, as the console made it; else as written (a folder outside both, the same on each machine).
 */
function sent(target: RunSpec['target'], root: string, consoleRoot: string | undefined): RemoteTarget {
	const mapped = (file: string) => {
		const here = portable(file, root);
		return consoleRoot === undefined || !path.isAbsolute(here) ? here : portable(here, consoleRoot);
	};

	return target.kind === 'module'
		? {kind: 'module', path: mapped(target.path)}
		: {kind: 'command', argv: target.argv, shell: target.shell, cwd: mapped(target.cwd ?? root), ...(target.env ? {env: target.env} : {})};
}

const json = (value: unknown) => JSON.stringify(value);

/** Each way `here` (this worker's) and `there` (the scheduler's) differ, said as `what X here, Y on the scheduler`. */
function targetDifferences(here: RemoteTarget, there: RemoteTarget): string[] {
	const shown = (target: RemoteTarget) => target.kind === 'module' ? `module ${target.path}` : `command ${json(target.argv)}`;
	if (here.kind === 'module' && there.kind === 'module') {
		return here.path === there.path ? [] : [`${shown(here)} here, ${shown(there)} on the scheduler`];
	}

	if (here.kind !== 'command' || there.kind !== 'command') {
		return [`${shown(here)} here, ${shown(there)} on the scheduler`];
	}

	const differences: string[] = [];
	if (json(here.argv) !== json(there.argv)) {
		differences.push(`command ${json(here.argv)} here, ${json(there.argv)} on the scheduler`);
	}

	if (here.shell !== there.shell) {
		differences.push(`shell: ${here.shell} here, ${there.shell} on the scheduler`);
	}

	if ((here.cwd ?? '.') !== (there.cwd ?? '.')) {
		differences.push(`cwd ${here.cwd ?? '.'} here, ${there.cwd ?? '.'} on the scheduler`);
	}

	// Names only: env values may be tokens, and the message reaches history and the phone.
	const hereEnv = here.env ?? {};
	const thereEnv = there.env ?? {};
	const names = [...new Set([...Object.keys(hereEnv), ...Object.keys(thereEnv)])].filter(name => hereEnv[name] !== thereEnv[name]).sort();
	if (names.length > 0) {
		differences.push(`env ${names.join(', ')} not the same here as on the scheduler (values not shown)`);
	}

	return differences;
}

/**
 * The commands that steer the live scheduler: one request each, its answer printed. A refusal goes to
 * stderr with a non-zero exit, so `x=$(sage-console retry 42)` or a pipe never takes it for the answer.
 */
import {liveScheduler} from '../scheduler-session.js';
import {rejectOverlongId} from '../overlong-id.js';
import {NoSchedulerError} from '../../host/socket-client.js';
import type {SchedulerClient} from '../../protocol/client.js';
import {cancelKeptRetry} from './offline-cancel.js';
import type {AppPaths} from '../../host/paths.js';
import {formatProblem} from '../../config/config-problem.js';
import type {ResultOf} from '../../protocol/messages.js';
import {exitCodes} from '../exit-codes.js';
import {pauseStoppedLines} from './pause-stopped-lines.js';
import {runIdArgument} from './run-id-argument.js';
import {UsageError} from './usage-error.js';

function runIdOf(text: string | undefined, command: string): number {
	return runIdArgument(text, command, `sage-console ${command} 42`);
}

/** `pause JOB` / `pause --all` (the whole scheduler), and `resume` likewise. */
export async function pauseCommand(paths: AppPaths, jobId: string | undefined, flags: {all?: boolean}, paused: boolean): Promise<number> {
	const verb = paused ? 'pause' : 'resume';
	if (jobId && flags.all) {
		throw new UsageError(`${verb} takes a job id or --all, not both: sage-console ${verb} ${jobId} for the job, sage-console ${verb} --all for the whole scheduler`);
	}

	if (Boolean(jobId) === Boolean(flags.all)) {
		throw new UsageError(`${verb} needs a job id or --all (the whole scheduler), e.g. sage-console ${verb} sync_daily_bars`);
	}

	const client = await liveScheduler(paths, verb);
	try {
		if (flags.all) {
			const answer = await client.request(paused ? 'pause-scheduler' : 'resume-scheduler', {});
			const lines = 'stopped' in answer ? pauseStoppedLines(answer.stopped, true) : [];
			process.stdout.write(`${[`scheduler ${answer.changed ? (paused ? 'paused: nothing fires on schedule until `sage-console resume --all`' : 'resumed') : `was already ${paused ? 'paused' : 'running'}`}`, ...lines].join('\n')}\n`);
		} else {
			rejectOverlongId(jobId);
			const answer = await client.request(paused ? 'pause-job' : 'resume-job', {jobId: jobId!});
			const lines = 'stopped' in answer ? pauseStoppedLines(answer.stopped, false) : [];
			process.stdout.write(`${[`${jobId} ${answer.changed ? (paused ? 'paused' : 'resumed') : `was already ${paused ? 'paused' : 'active'}`}`, ...lines].join('\n')}\n`);
		}

		return exitCodes.ok;
	} finally {
		client.close();
	}
}

/**
 * `cancel RUN`: through the live scheduler; with none running, a next attempt kept for the next start
 * is dropped from history (offline-cancel.ts), and anything else is refused as before.
 */
export async function cancelCommand(paths: AppPaths, runIdText: string | undefined): Promise<number> {
	const runId = runIdOf(runIdText, 'cancel');
	let client: SchedulerClient;
	try {
		client = await liveScheduler(paths, 'cancel');
	} catch (error) {
		if (!(error instanceof NoSchedulerError)) {
			throw error;
		}

		const offline = cancelKeptRetry(paths, runId);
		if (offline === undefined) {
			throw error;
		}

		if ('schedulerStarted' in offline) {
			process.stderr.write(`not cancelled: a scheduler${offline.schedulerStarted === undefined ? '' : ` (pid ${offline.schedulerStarted})`} holds this root's lock but does not answer yet (starting): sage-console cancel ${runId} again asks it\n`);
			return exitCodes.failed;
		}

		const {jobId, attempt, runId: after} = offline.dropped;
		process.stdout.write(`attempt ${attempt} of ${jobId} will not run: dropped while no scheduler runs (kept for the next start after run ${after})\n`);
		return exitCodes.ok;
	}

	try {
		const result = await client.request('cancel-run', {runId});
		if (!result.ok) {
			process.stderr.write(`not cancelled: ${result.reason}\n`);
			return exitCodes.failed;
		}

		const dropped = result.droppedAttempt;
		process.stdout.write(dropped ? `run ${runId} had ended: its attempt ${dropped.attempt}, waiting for its backoff after run ${dropped.after}, will not run\n` : `cancelling run ${runId}\n`);
		return exitCodes.ok;
	} finally {
		client.close();
	}
}

export async function retryCommand(paths: AppPaths, runIdText: string | undefined): Promise<number> {
	const runId = runIdOf(runIdText, 'retry');
	const client = await liveScheduler(paths, 'retry');
	try {
		const result = await client.request('retry-run', {runId});
		if (!result.ok) {
			process.stderr.write(`not retried: ${result.reason}\n`);
			return exitCodes.failed;
		}

		process.stdout.write(`retrying as run ${result.run.id} (${result.run.jobId}, attempt ${result.run.attempt})\n`);
		return exitCodes.ok;
	} finally {
		client.close();
	}
}

type ReloadedServices = ResultOf<'reload'>['services'];

/** The services' counts in the reload line, as the scheduler's log puts them after the jobs'. */
function servicesSaid(services: ReloadedServices): string {
	return services ? `; services: ${services.added.length} added, ${services.removed.length} removed, ${services.changed.length} changed` : '';
}

/** A line per service added, removed or changed, a changed one with what changed in it (`~ service feed: restart on-failure → always`). */
function serviceLines(services: ReloadedServices): string[] {
	if (!services) {
		return [];
	}

	const fields = (id: string) => (services.fields[id]?.length ? `: ${services.fields[id].join(', ')}` : '');
	return [
		...services.added.map(id => `\n  + service ${id}`),
		...services.removed.map(id => `\n  - service ${id}`),
		...services.changed.map(id => `\n  ~ service ${id}${fields(id)}`),
	];
}

/** @param configGiven `--config FILE` was given: the scheduler refuses the reload when it reads another file. */
export async function reloadCommand(paths: AppPaths, configGiven: boolean): Promise<number> {
	const client = await liveScheduler(paths, 'reload');
	try {
		const result = await client.request('reload', configGiven ? {file: paths.configFile} : {});
		// What else the reload read (calendar.yaml, the notify files) and what waits for the next start.
		const notes = (result.notes ?? []).map(note => `${note}\n`).join('');
		const settingsProblems = (result.settingsProblems ?? []).map(problem => `${formatProblem(problem)}\n`).join('');
		if (!result.ok) {
			process.stderr.write(`${result.problems.map(problem => formatProblem(problem)).join('\n')}\nnot applied; the jobs loaded before keep running\n${settingsProblems}${notes}`);
			return exitCodes.failed;
		}

		// The settings it applied (max_parallel, a queue's limit, retention, shutdown, timezone), as the scheduler's log names them.
		const settings = result.settings ?? [];
		const settingsSaid = settings.length > 0 ? `; ${settings.join(', ')}` : '';
		process.stdout.write(`reloaded: ${result.added.length} added, ${result.removed.length} removed, ${result.changed.length} changed${servicesSaid(result.services)}${settingsSaid}${[...result.added.map(id => `\n  + ${id}`), ...result.removed.map(id => `\n  - ${id}`), ...result.changed.map(id => `\n  ~ ${id}`), ...serviceLines(result.services)].join('')}\n${notes}`);
		process.stderr.write(settingsProblems);
		return settingsProblems ? exitCodes.failed : exitCodes.ok;
	} finally {
		client.close();
	}
}

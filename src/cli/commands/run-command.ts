import {unknownIdText} from '../../config/unknown-id-text.js';
import path from 'node:path';
import type {AppPaths} from '../../host/paths.js';
import {printable} from '../../log/printable-text.js';
import {SchedulerHost} from '../../host/scheduler-host.js';
import {NoSchedulerError} from '../../host/socket-client.js';
import type {SchedulerClient} from '../../protocol/client.js';
import {ProtocolError} from '../../protocol/wire.js';
import {exitCodes} from '../exit-codes.js';
import {followAttempts} from '../follow-attempts.js';
import type {RunProgress} from '../follow-run.js';
import {NextAttemptsWatch} from '../next-attempts-watch.js';
import {printRunResult} from '../print-run-result.js';
import {runLogPrinter} from '../run-log-printer.js';
import {clientOf, liveScheduler} from '../scheduler-session.js';
import {rejectOverlongId} from '../overlong-id.js';
import {warnIfCalendarBroken} from './command-calendar.js';
import {parseParamFlags} from './param-flags.js';
import {calendarDateProblem} from '../../time/calendar-date.js';
import {NoSchedulerToDetachTo} from './no-scheduler-to-detach-to.js';
import {UsageError} from './usage-error.js';

/** A run on workers not taken by then is said to wait for a worker (nothing else would be printed meanwhile). */
const workerWaitSaidAfterMs = 2000;

export type RunFlags = {param?: string[]; tradeDate?: string; from?: string; to?: string; detach?: boolean};

function checkDay(text: string | undefined, flag: string): string | undefined {
	const problem = text === undefined ? undefined : calendarDateProblem(text);
	if (problem) {
		throw new UsageError(`${flag} ${problem}`);
	}

	return text;
}

/** The jobs file as the operator knows it: `config/jobs.yaml` inside the root, else its whole path. */
function shownConfigFile(paths: AppPaths): string {
	const relative = path.relative(paths.root, paths.configFile);
	return relative.startsWith('..') || path.isAbsolute(relative) ? paths.configFile : relative;
}

/** The run a `run JOB` follows now (a retry's once it goes on to it); none before the scheduler answered. */
type Followed = {runId?: number};

/**
 * Submits the runs, follows each one's log (and its retries') to its end, prints how each ended; 0 only
 * when all succeeded in the end. `followed` is kept up to date with the run followed.
 */
async function runThrough(client: SchedulerClient, jobId: string, request: {params: Record<string, unknown>; tradeDate?: string; from?: string; to?: string; detach?: boolean}, configFile: string, signal?: AbortSignal, followed: Followed = {}): Promise<number> {
	const {snapshot} = await client.request('subscribe', {tailLines: 0});
	// The console's `r` asks first; a script's `run` is not asked, but is told (on stderr, its output stays the run's).
	if (snapshot.jobs.find(job => job.id === jobId)?.enabled === false) {
		process.stderr.write(`job ${jobId} is disabled (enabled: false in ${configFile}): running it once as asked\n`);
	}

	const submitted = request.from && request.to
		? await client.request('backfill', {jobId, from: request.from, to: request.to})
		: [await client.request('run-job', {jobId, params: request.params, tradeDate: request.tradeDate})];
	if (request.from) {
		// Left to the scheduler (--detach), the output is the run ids alone, one a line, as one run's is its id.
		(request.detach ? process.stderr : process.stdout).write(`backfilling ${jobId} for ${submitted.length} trading day(s) from ${request.from} to ${request.to}\n`);
	}

	let lastProgress = '';
	// The run followed was heard of: a log line, or a progress report (a worker taking it is one with neither progress nor message).
	let heard = false;
	const workerQueue = snapshot.jobs.find(job => job.id === jobId)?.workers;
	const printLine = runLogPrinter(snapshot.scheduler.timezone, text => process.stdout.write(text));
	const retries = new NextAttemptsWatch(client, jobId);
	const follow = {
		client, retries, signal,
		onAttempt(runId: number) {
			followed.runId = runId;
		},
		// Under a heading of each day the lines were written on, across the retries and a backfill's runs;
		// in the scheduler's zone (jobs.yaml's `timezone`), the one its run log days and "today" count in.
		printLogLine(line: string) {
			heard = true;
			printLine(line);
		},
		// In the log's stream, after the lines the run wrote before it (followRun holds it until they are read).
		printProgress(event: RunProgress) {
			heard = true;
			if (event.progress === undefined && (event.message ?? '') === '') {
				return; // Nothing to say: a run on workers taken (clients learn its worker), a report of neither.
			}

			const percent = event.progress === undefined ? '    ' : `${String(Math.round(event.progress * 100)).padStart(3)}%`;
			const line = `${event.jobId} ${percent} ${printable(event.message ?? '')}`;
			if (line !== lastProgress) {
				lastProgress = line;
				process.stdout.write(`${line}\n`);
			}
		},
		printEnded: printRunResult,
		say: (text: string) => process.stdout.write(`${text}\n`),
	};
	let allSucceeded = true;
	for (const result of submitted) {
		if (!result.ok) {
			process.stderr.write(`${jobId}: not run: ${result.reason}${result.run ? ` (recorded as run ${result.run.id}, skipped)` : ''}\n`);
			allSucceeded = false;
			continue;
		}

		if (request.detach) {
			process.stdout.write(`${result.run.id}\n`);
			continue;
		}

		heard = false;
		const runId = result.run.id;
		// On stderr, as the note of a disabled job: its output stays the run's.
		const waitNote = workerQueue === undefined ? undefined : setTimeout(() => {
			if (!heard) {
				process.stderr.write(`run ${runId} of ${jobId} waits for a worker on queue ${workerQueue}: none has taken it yet (sage-console status shows the workers online)\n`);
			}
		}, workerWaitSaidAfterMs);
		// The run, then each of its retries to the last: that one's end is the outcome. Followed whatever
		// the runs before it did (`allSucceeded &&= await …` would skip the days after a failed one).
		const outcome = await followAttempts(follow, runId);
		clearTimeout(waitNote);
		allSucceeded &&= outcome === 'success';
	}

	retries.close();
	return allSucceeded ? exitCodes.ok : exitCodes.failed;
}

/**
 * `sage-console run JOB`: with a scheduler running, the run goes to it (its concurrency and limits
 * apply, its console shows it, it is recorded as `manual`), and this follows the run's log to its end;
 * Ctrl-C stops following and leaves the run to the scheduler. With none, the job runs here in the
 * foreground (Ctrl-C cancels it, and a retry waiting for its backoff is not run). Either way a job
 * with `retries:` is followed through them: exits 0 only when every run's last attempt succeeded.
 */
export async function runCommand(paths: AppPaths, jobId: string | undefined, flags: RunFlags): Promise<number> {
	if (!jobId) {
		throw new UsageError('run needs a job id, e.g. sage-console run sync_daily_bars');
	}

	const params = parseParamFlags(flags.param ?? []);
	const tradeDate = checkDay(flags.tradeDate, '--trade-date');
	const from = checkDay(flags.from, '--from');
	const to = checkDay(flags.to, '--to');
	if (tradeDate && (from ?? to)) {
		throw new UsageError('use either --trade-date D or --from D1 --to D2, not both');
	}

	if ((from === undefined) !== (to === undefined)) {
		throw new UsageError('--from and --to go together');
	}

	if (from && to && to < from) {
		throw new UsageError('--to is before --from');
	}

	const request = {params, tradeDate, from, to, detach: flags.detach};
	let live: SchedulerClient | undefined;
	try {
		live = await liveScheduler(paths, 'run');
	} catch (error) {
		if (!(error instanceof NoSchedulerError)) {
			throw error;
		}

		if (flags.detach) {
			// Exit 4, as every command that needs the live scheduler and finds none (README: Exit codes), not 2: nothing was mistyped.
			throw new NoSchedulerToDetachTo(error.socketPath);
		}
	}

	if (live) {
		const client = live;
		const followed: Followed = {};
		const detach = () => {
			// The run's own id to follow it again with, once it is known.
			const {runId} = followed;
			process.stderr.write(runId === undefined
				? '\nstopped following; the run goes on in the scheduler (sage-console logs RUN_ID --follow)\n'
				: `\nstopped following run ${runId}; it goes on in the scheduler (sage-console logs ${runId} --follow)\n`);
			client.close();
			process.exit(exitCodes.ok);
		};

		process.once('SIGINT', detach);
		try {
			rejectOverlongId(jobId);
			return await runThrough(client, jobId, request, shownConfigFile(paths), undefined, followed);
		} finally {
			process.off('SIGINT', detach);
			client.close();
		}
	}

	rejectOverlongId(jobId);
	warnIfCalendarBroken(paths);
	const host = SchedulerHost.open({paths, logToStdout: false, schedules: false});
	// Ctrl-C cancels the attempt running, and a next attempt waiting for its backoff is not waited for.
	const interrupted = new AbortController();
	const stop = () => {
		interrupted.abort();
		// The operator's Ctrl-C cancels the runs (recorded as cancelled, not as a scheduler shutdown), then the host stops.
		for (const run of host.scheduler.snapshot().live) {
			host.scheduler.cancel(run.runId);
		}

		void host.close('cancel');
	};

	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
	try {
		if (host.scheduler.currentConfig.services?.some(service => service.id === jobId)) {
			// Services are kept up by a scheduler, not run in the foreground. Exit 1, as the live scheduler's not-found refusal exits.
			throw new ProtocolError('not-found', `"${jobId}" is a service, not a job: start a scheduler (sage-console or sage-console --headless), which keeps it up in its window; then sage-console start|stop|restart ${jobId}`);
		}

		if (!host.scheduler.job(jobId)) {
			throw new ProtocolError('not-found', unknownIdText({what: 'job', id: jobId, known: host.scheduler.jobIds, where: ` in ${paths.configFile}`}));
		}

		const client = await clientOf(host, 'cli run');
		try {
			return await runThrough(client, jobId, request, shownConfigFile(paths), interrupted.signal);
		} finally {
			client.close();
		}
	} finally {
		process.off('SIGINT', stop);
		process.off('SIGTERM', stop);
		await host.close('cancel');
	}
}

/**
 * A run and each of its retries (the job's `retries:`), followed to the last attempt: that one's end
 * is the outcome `run JOB` and `logs RUN --follow` exit with. Between attempts it says what failed and
 * when the next comes; a run given after its next attempt was asked for goes on to that one.
 */
import {formatDuration} from '../config/quantities.js';
import type {RunRecord, RunStatus} from '../core/run-record.js';
import {printable} from '../log/printable-text.js';
import type {SchedulerClient} from '../protocol/client.js';
import type {RunSummary} from '../protocol/snapshot.js';
import {ConnectionClosedError, type CloseCode} from '../protocol/wire.js';
import {capText} from '../executors/progress-value.js';
import {askedNextAttempt} from './asked-next-attempt.js';
import {followRun, SchedulerLostError, type RunProgress} from './follow-run.js';
import type {NextAttemptsWatch} from './next-attempts-watch.js';

/** How often the wait for a next attempt asks whether it is still coming (the job may leave the config). */
const stillComingEveryMs = 1000;
/** The most of a failed attempt's error shown on the "retrying" line; the attempt's own block has it all. */
const maxErrorShown = 200;

export type AttemptsFollow = {
	client: SchedulerClient;
	retries: NextAttemptsWatch;
	printLogLine: (line: string) => void;
	/** Prints an attempt's progress, in order among its log lines (see followRun). */
	printProgress?: (progress: RunProgress) => void;
	printEnded: (run: RunRecord | undefined) => void;
	say: (text: string) => void;
	/** Aborted: stop waiting for a next attempt (a foreground run's Ctrl-C); the attempt followed ends by being cancelled. */
	signal?: AbortSignal;
	/** Told each attempt's run id as its following begins (for a Ctrl-C that leaves it to the scheduler to name it). */
	onAttempt?: (runId: number) => void;
};

/**
 * Follows run `runId` and its retries; resolves with the last attempt's status (undefined when the run is unknown).
 * @throws SchedulerLostError when the scheduler goes away before the last attempt ends
 */
export async function followAttempts(follow: AttemptsFollow, runId: number): Promise<RunStatus | undefined> {
	const {client, retries} = follow;
	let attemptsInAll: number | undefined;
	let current: number | undefined = runId;
	let last: RunRecord | undefined;
	while (current !== undefined) {
		follow.onAttempt?.(current);
		await followRun(client, current, follow.printLogLine, {follow: true, printProgress: follow.printProgress});
		const {run, nextAttempt} = await endedAttempt(client, current);
		follow.printEnded(run);
		current = undefined;
		last = run;
		if (!run) {
			break;
		}

		// Asked for before this command watched (an earlier attempt given to `logs --follow`): followed all the same.
		const askedBefore = nextAttempt || retries.has(run.attempt + 1, run.tradeDate) ? undefined : await askedNextAttempt(client, run).catch(unlessLost(run.jobId));
		if (!nextAttempt && !askedBefore && !retries.has(run.attempt + 1, run.tradeDate)) {
			break;
		}

		const attempt = nextAttempt?.attempt ?? run.attempt + 1;
		attemptsInAll ??= await attemptsOf(client, run.jobId);
		const ofAll = attemptsInAll === undefined ? '' : ` of ${Math.max(attemptsInAll, attempt)}`;
		follow.say(`${run.jobId}: attempt ${run.attempt} ${endedWords(run)}, ${nextWords(nextAttempt, askedBefore)} (attempt ${attempt}${ofAll})`);
		const next = askedBefore ? {run: askedBefore} : await nextAttemptRun(follow, run, attempt);
		if (!next.run) {
			follow.say(`${run.jobId}: attempt ${attempt} will not run (${follow.signal?.aborted ? 'interrupted' : notRunWords(next.why)}); attempt ${run.attempt} is the last`);
			break;
		}

		current = next.run.id;
	}

	// Said once more than one attempt was followed: `logs --follow` given the last attempt ends with its summary alone.
	if (last && last.id !== runId) {
		follow.say(`${last.jobId}: ${last.status === 'success' ? 'succeeded' : `ended ${last.status}`} at attempt ${last.attempt}${attemptsInAll === undefined ? '' : ` of ${Math.max(attemptsInAll, last.attempt)}`}`);
	}

	return last?.status;
}

/**
 * Why the scheduler dropped a next attempt, as its log said it (`the scheduler dropped it: cancelled while
 * it waited for its backoff after run 7`); from a scheduler that does not tell (an older one), each way it may have.
 */
function notRunWords(why: string | undefined): string {
	return `the scheduler dropped it: ${why ?? 'cancelled (sage-console cancel), the job or the whole scheduler paused, the job disabled by a reload (enabled: false), the job removed from the config, or a later run of it succeeded'}`;
}

/** `retrying in 30s` (waiting for its backoff), `retrying now` (asked for), `retried as run 7` (asked for before this command watched). */
function nextWords(coming: {at?: number} | undefined, askedBefore: RunSummary | undefined): string {
	if (askedBefore) {
		return `retried as run ${askedBefore.id}`;
	}

	return coming?.at === undefined ? 'retrying now' : `retrying in ${formatDuration(Math.max(0, Math.ceil((coming.at - Date.now()) / 1000) * 1000))}`;
}

/** `failed: ExitCode: sh exited with code 3`, `timed out`, in one printable line. */
function endedWords(run: RunRecord): string {
	const verb = run.status === 'timeout' ? 'timed out' : run.status;
	if (!run.error) {
		return verb;
	}

	const headline = `${run.error.type}: ${run.error.message}`.split('\n')[0] ?? '';
	return `${verb}: ${printable(capText(headline, maxErrorShown))}`;
}

/** How attempt `runId` ended, and whether another comes; dropped for not reading just after it ended, says where to look. */
async function endedAttempt(client: SchedulerClient, runId: number) {
	try {
		return await client.request('get-run', {runId});
	} catch (error) {
		if (error instanceof ConnectionClosedError && error.code === 'stopped') {
			throw new SchedulerLostError(`following run ${runId} ended: ${error.message}; see how the run ended with \`sage-console show ${runId}\``);
		}

		if (error instanceof ConnectionClosedError && error.code === 'stopped-reading') {
			throw new SchedulerLostError(`following run ${runId} ended: ${error.message}; the run has ended: see how with \`sage-console show ${runId}\`; a retry of it goes on in the scheduler as a run of its own (\`sage-console history\`, then \`sage-console logs RUN_ID --follow\`)`);
		}

		throw error;
	}
}

/**
 * The scheduler dropped this command for not reading between two attempts (followRun says so during
 * one): the retries go on in the scheduler, each a run of its own, found in the history and followed by id.
 */
function droppedBetweenAttempts(jobId: string, reason: string | undefined, attempt?: number): SchedulerLostError {
	const coming = attempt === undefined ? 'the retries go on' : `attempt ${attempt} goes on`;
	return new SchedulerLostError(`following ${jobId}'s retries ended: ${reason ?? 'dropped by the scheduler'}; ${coming}: find its run with \`sage-console history --job ${jobId}\` and follow it again with \`sage-console logs RUN_ID --follow\``);
}

/**
 * For a question asked between two attempts: the connection closing throws what it means (dropped for
 * not reading: the retries go on; else the scheduler went away); any other refusal is no answer.
 */
function unlessLost(jobId: string) {
	return (error: unknown): undefined => {
		if (error instanceof ConnectionClosedError) {
			if (error.code === 'stopped') {
				throw new SchedulerLostError(`following ${jobId}'s retries ended: ${error.message}; a retry waiting for its backoff runs after the scheduler's next start: find its run then with \`sage-console history --job ${jobId}\``);
			}

			throw error.code === 'stopped-reading'
				? droppedBetweenAttempts(jobId, error.message)
				: new SchedulerLostError(`the scheduler went away while following ${jobId}'s retries (${error.message})`);
		}

		return undefined;
	};
}

/** The job's attempts in all (`retries` + 1) as jobs.yaml says; undefined when it cannot be read. */
async function attemptsOf(client: SchedulerClient, jobId: string): Promise<number | undefined> {
	try {
		const {jobs} = await client.request('export-jobs', {jobs: [jobId]});
		const retries = jobs[0]?.retries;
		return typeof retries === 'number' && Number.isInteger(retries) ? retries + 1 : undefined;
	} catch (error) {
		return unlessLost(jobId)(error);
	}
}

/** A next attempt's run once asked for; none when it will not come, with why when the scheduler says. */
type NextAttemptRun = {run: RunSummary; why?: undefined} | {run?: undefined; why?: string};

/**
 * The run of `attempt` after `previous` once the scheduler asks for it; none when it will not come:
 * the scheduler no longer has it coming (the job left the config, was paused or disabled, it was
 * cancelled: `why`, as the scheduler says it) and no such run was queued, or the wait was aborted. The
 * scheduler sends `run-queued` before it answers a later `get-run`, so "not coming and not seen" means dropped.
 */
async function nextAttemptRun(follow: AttemptsFollow, previous: RunRecord, attempt: number): Promise<NextAttemptRun> {
	const {client, retries, signal} = follow;
	return new Promise<NextAttemptRun>((resolve, reject) => {
		let settled = false;
		const cleanups: Array<() => void> = [];
		const settle = (outcome: () => void) => {
			if (!settled) {
				settled = true;
				for (const cleanup of cleanups) {
					cleanup();
				}

				outcome();
			}
		};

		const lost = (reason?: string, code?: CloseCode) => code === 'stopped'
			? new SchedulerLostError(`following ${previous.jobId}'s retries ended: ${reason ?? 'the scheduler stopped'}; attempt ${attempt}, waiting for its backoff, runs after the scheduler's next start: find its run then with \`sage-console history --job ${previous.jobId}\` and follow it with \`sage-console logs RUN_ID --follow\``)
			: code === 'stopped-reading'
			? droppedBetweenAttempts(previous.jobId, reason, attempt)
			: new SchedulerLostError(`the scheduler went away while ${previous.jobId}'s attempt ${attempt} waited for its backoff${reason ? ` (${reason})` : ''}`);
		void retries.next(attempt, previous.tradeDate).then(run => settle(() => resolve({run})));
		const timer = setInterval(() => {
			client.request('get-run', {runId: previous.id}).then(({nextAttempt, nextAttemptDropped}) => {
				if (!nextAttempt && !retries.has(attempt, previous.tradeDate)) {
					settle(() => resolve(nextAttemptDropped === undefined ? {} : {why: nextAttemptDropped}));
				}
			}, (error: unknown) => settle(() => reject(error instanceof ConnectionClosedError ? lost(error.message, error.code) : error)));
		}, stillComingEveryMs);
		const onAbort = () => settle(() => resolve({}));
		signal?.addEventListener('abort', onAbort, {once: true});
		cleanups.push(
			() => clearInterval(timer),
			() => signal?.removeEventListener('abort', onAbort),
			client.onClose((reason, code) => settle(() => reject(lost(reason, code)))),
			// Said before a stopping scheduler clears its retries' timers (kept for its next start): a stop on purpose, not the scheduler gone.
			client.on('scheduler-state', ({stopping}) => {
				if (stopping) {
					settle(() => reject(lost('the scheduler is stopping', 'stopped')));
				}
			}),
		);
		if (signal?.aborted) {
			onAbort();
		}
	});
}

import type {RunStatus} from '../../core/run-record.js';
import {isFinal} from '../../core/run-states.js';
import type {AppPaths} from '../../host/paths.js';
import {oneOffOwnerOf} from '../../host/one-off-owner.js';
import {allRunLogLines, readRunLog} from '../../host/read-run-log.js';
import {NoSchedulerError} from '../../host/socket-client.js';
import {errorFileOf} from '../../supervisor/service-logs.js';
import {serviceRunLines} from '../../supervisor/service-run-lines.js';
import {runMarkOf} from '../../supervisor/service-run-marks.js';
import {exitCodes} from '../exit-codes.js';
import {followAttempts} from '../follow-attempts.js';
import {followRun} from '../follow-run.js';
import {NextAttemptsWatch} from '../next-attempts-watch.js';
import {printRunResult} from '../print-run-result.js';
import {runLogPrinter} from '../run-log-printer.js';
import {liveScheduler} from '../scheduler-session.js';
import {configuredLogDays} from './configured-log-days.js';
import {configuredTimeZone} from './configured-time-zone.js';
import {goneRunLogText, noRunLogText} from './gone-run-log.js';
import {withHistory} from './history-command.js';
import {requireProjectRoot} from './project-root.js';
import {runIdArgument} from './run-id-argument.js';

/**
 * A service run's lines of the output file its runs share (only its own: service-run-lines.ts), saying
 * first when some of them were rotated away.
 */
async function printServiceRunLines(logPath: string, runId: number, ended: boolean, print: (line: string) => void): Promise<{endOffset: number; bytes: number; endMarked: boolean}> {
	const {lines, missing, endOffset} = await serviceRunLines(logPath, runId, ended);
	if (missing) {
		process.stdout.write(`(${missing})\n`);
	}

	let bytes = 0;
	for (const line of lines) {
		print(line);
		// The scheduler's read-log counts a service run's offsets in its own non-empty lines (service-run-log-read.ts).
		bytes += line.length > 0 ? Buffer.byteLength(line) + 1 : 0;
	}

	const last = lines.at(-1);
	return {endOffset, bytes, endMarked: last !== undefined && runMarkOf(last)?.edge === 'ended'};
}

/**
 * A service run's stderr lines, from the error file beside its output (told apart by the same marks),
 * after its output: a crash's trace is there, not in the output. Nothing when it wrote none, or ran
 * before runs were marked in that file.
 */
async function printServiceRunErrors(logPath: string, runId: number, ended: boolean, print: (line: string) => void): Promise<void> {
	const errorFile = errorFileOf(logPath);
	const {lines, missing} = await serviceRunLines(errorFile, runId, ended);
	const own = lines.filter(line => runMarkOf(line) === undefined);
	if (own.length === 0 || (missing && !lines.some(line => runMarkOf(line)?.runId === runId))) {
		return;
	}

	process.stdout.write(`(stderr, ${errorFile}${missing ? `; ${missing}` : ''}:)\n`);
	for (const line of own) {
		print(line);
	}
}

/** A run with no log prints nothing: say why beside it, on stderr (the output stays the log, empty). */
function sayWhenNoLog(run: Parameters<typeof noRunLogText>[0]): void {
	const none = noRunLogText(run);
	if (none) {
		process.stderr.write(`${none}\n`);
	}
}

/** `--follow` ends with the run's result, as `run` does (after the same summary, printRunResult): 1 unless the run (its last attempt) succeeded. */
function followedExitCode(status: RunStatus | undefined): number {
	return status === 'success' ? exitCodes.ok : exitCodes.failed;
}

/** How often `logs --follow` with no scheduler looks at the run's row and its log file. */
const offlineFollowEveryMs = 250;
/** How long a run no live process is seen to carry out is looked at before it is taken for one nothing does. */
const ownerlessForMs = 2000;

/**
 * `logs RUN --follow` of a run not over while no scheduler runs: a one-off `sage-console run` (in another
 * shell) carries it out and records it. Its log is read on as it grows, and its row looked at, until the
 * run ends: then how it ended, and its result as the exit code, as through a scheduler. A run no live
 * process carries out (left `running` by a scheduler killed with -9, closed as interrupted at the next
 * start) is not waited for: said on stderr, exit 4.
 */
async function followWithoutScheduler(paths: AppPaths, runId: number, print: (line: string) => void): Promise<number> {
	let offset = 0;
	let ownerlessSince: number | undefined;
	for (;;) {
		const run = withHistory(paths.dbFile, store => store.getRun(runId), undefined);
		const ended = run === undefined || isFinal(run.status);
		for (;;) {
			const chunk = readRunLog(run?.logPath, offset, undefined, ended);
			for (const line of chunk.lines) {
				print(line);
			}

			if (chunk.nextOffset === offset) {
				break;
			}

			offset = chunk.nextOffset;
		}

		if (ended) {
			printRunResult(run);
			return followedExitCode(run?.status);
		}

		// A command's process ends a moment before its one-off records the end: only a run with no owner
		// look after look, for a while, is taken for one nothing carries out.
		const owner = oneOffOwnerOf(withHistory(paths.dbFile, store => store.abandonedRuns().find(left => left.id === runId)?.process, undefined));
		ownerlessSince = owner === undefined ? (ownerlessSince ?? Date.now()) : undefined;
		if (ownerlessSince !== undefined && Date.now() - ownerlessSince >= ownerlessForMs) {
			process.stderr.write(`sage-console: run ${runId} reads ${run.status}, but nothing carries it out: no scheduler runs for this root, nor a one-off sage-console run of it (the next scheduler start closes it as interrupted)\n`);
			return exitCodes.noScheduler;
		}

		await new Promise(resolve => {
			setTimeout(resolve, offlineFollowEveryMs);
		});
	}
}

/**
 * `sage-console logs RUN_ID [--follow]`: a run's log, through the live scheduler (following it until
 * the run ends, then printing how it ended and exiting with its result as `run` does, through its
 * retries to the last attempt); with no scheduler running, straight from the file history names.
 */
export async function logsCommand(paths: AppPaths, runIdText: string | undefined, flags: {follow?: boolean}): Promise<number> {
	const runId = runIdArgument(runIdText, 'logs', 'sage-console logs 42 --follow');

	// Its lines under a heading of each day they were written on (run-log-printer.ts), in the scheduler's
	// zone: the live one's (its snapshot's), else jobs.yaml's `timezone`.
	const printerIn = (timeZone: string) => runLogPrinter(timeZone, text => process.stdout.write(text));
	let client;
	try {
		client = await liveScheduler(paths, 'logs');
	} catch (error) {
		if (!(error instanceof NoSchedulerError)) {
			throw error;
		}

		requireProjectRoot(paths);
		const print = printerIn(configuredTimeZone(paths));
		const run = withHistory(paths.dbFile, store => store.getRun(runId), undefined);
		if (!run) {
			process.stderr.write(`sage-console: no run ${runId}\n`);
			return exitCodes.failed;
		}

		const gone = goneRunLogText(run, paths.root, configuredLogDays(paths));
		if (gone) {
			process.stderr.write(`${gone}\n`);
			return exitCodes.failed;
		}

		sayWhenNoLog(run);

		if (run.trigger === 'service' && run.logPath) {
			await printServiceRunLines(run.logPath, runId, isFinal(run.status), print);
			await printServiceRunErrors(run.logPath, runId, isFinal(run.status), print);
			if (flags.follow && isFinal(run.status)) {
				printRunResult(run);
				return followedExitCode(run.status);
			}

			return exitCodes.ok;
		}

		if (flags.follow && !isFinal(run.status)) {
			return followWithoutScheduler(paths, runId, print);
		}

		for (const line of allRunLogLines(run.logPath, isFinal(run.status))) {
			print(line);
		}

		if (!flags.follow) {
			return exitCodes.ok;
		}

		printRunResult(run);
		return followedExitCode(run.status);
	}

	try {
		// Subscribed first, so that no retry asked for from here on is missed (NextAttemptsWatch).
		const {snapshot} = await client.request('subscribe', {tailLines: 0});
		const print = printerIn(snapshot.scheduler.timezone);
		const {run} = await client.request('get-run', {runId});
		if (!run) {
			process.stderr.write(`sage-console: no run ${runId}\n`);
			return exitCodes.failed;
		}

		// Retention as the scheduler applies it (jobs.yaml on disk may be broken, or not the file it was started with).
		const gone = goneRunLogText(run, paths.root, snapshot.scheduler.logDays ?? configuredLogDays(paths));
		if (gone) {
			process.stderr.write(`${gone}\n`);
			return exitCodes.failed;
		}

		sayWhenNoLog(run);

		if (run.trigger === 'service' && run.logPath) {
			const {endOffset, bytes, endMarked} = await printServiceRunLines(run.logPath, runId, isFinal(run.status), print);
			if (!flags.follow) {
				await printServiceRunErrors(run.logPath, runId, isFinal(run.status), print);
				return exitCodes.ok;
			}

			if (!isFinal(run.status) && !endMarked) {
				// Read on through the scheduler from where the file was read, until the run ends (its lines only).
				await followRun(client, runId, print, {follow: true, from: bytes, fromFile: endOffset});
			}

			const {run: ended} = await client.request('get-run', {runId});
			await printServiceRunErrors(run.logPath, runId, true, print);
			printRunResult(ended);
			return followedExitCode(ended?.status);
		}

		if (!flags.follow) {
			await followRun(client, runId, print, {follow: false});
			return exitCodes.ok;
		}

		// The run, then each of its retries to the last, as `run JOB` follows them: that one's end is the outcome.
		const retries = new NextAttemptsWatch(client, run.jobId);
		try {
			const say = (text: string) => process.stdout.write(`${text}\n`);
			return followedExitCode(await followAttempts({client, retries, printLogLine: print, printEnded: printRunResult, say}, runId));
		} finally {
			retries.close();
		}
	} finally {
		client.close();
	}
}

import type {SchedulerClient} from '../protocol/client.js';
import type {Events} from '../protocol/messages.js';
import type {RunSummary} from '../protocol/snapshot.js';
import {ConnectionClosedError, type CloseCode} from '../protocol/wire.js';

export class SchedulerLostError extends Error {
	override name = 'SchedulerLostError';
}

export type RunProgress = Events['run-progress'];

/**
 * Prints a run's log as it grows, through the scheduler (so it works for runs on other machines'
 * workers too), until the run has ended; resolves with its end. Reads again whenever the scheduler
 * says the run wrote lines or ended, and every second besides. With `printProgress`, the run's
 * progress is printed in the same stream, in the order things happened: a progress report comes after
 * the lines the run wrote before it arrived (however slowly they are read) and before the first line
 * written after it (by the line's time), and the run's last reports before its closing line.
 * @throws SchedulerLostError when the scheduler goes away before the run ends
 */
export async function followRun(client: SchedulerClient, runId: number, print: (line: string) => void, options: {follow: boolean; printProgress?: (progress: RunProgress) => void; /** Where in its log to start reading (what was printed already). */ from?: number; /** A service run's: where in its service's live output file that is (the read-log request's `fileOffset`). */ fromFile?: number} = {follow: true}): Promise<RunSummary | undefined> {
	let offset = options.from ?? 0;
	let fileOffset = options.fromFile;
	let reading: Promise<boolean> | undefined;
	let again = false;
	/**
	 * Progress reports not printed yet, oldest first: `at` when the scheduler heard it; `settled` once the
	 * lines the run wrote before it are surely in its log file (written out a turn of the event loop later).
	 */
	const waiting: Array<{report: RunProgress; at: number; settled: boolean}> = [];
	const printWaiting = (until: (entry: typeof waiting[number]) => boolean) => {
		while (waiting.length > 0 && until(waiting[0]!)) {
			options.printProgress?.(waiting.shift()!.report);
		}
	};

	/** The newest line of an ended run's log, printed after any progress report still waiting. */
	let closing: string | undefined;
	const printLine = (line: string) => {
		// A line the run wrote after a report arrived comes after that report.
		const time = lineTime(line);
		if (time !== undefined) {
			printWaiting(entry => entry.at < time);
		}

		print(line);
	};

	const readMore = async (): Promise<boolean> => {
		for (;;) {
			const chunk = await client.request('read-log', {runId, offset, ...(fileOffset === undefined ? {} : {fileOffset})});
			const lines = [...chunk.lines];
			if (chunk.finished && lines.length > 0) {
				// The run has ended: the log's last line is its closing line, held back so that a progress
				// report still waiting is printed before it (printed in read, after the last chunk).
				lines.unshift(...(closing === undefined ? [] : [closing]));
				closing = lines.pop();
			}

			for (const line of lines) {
				printLine(line);
			}

			offset = chunk.nextOffset;
			fileOffset = chunk.fileOffset;
			if (chunk.finished && chunk.lines.length === 0) {
				return true;
			}

			if (chunk.lines.length === 0) {
				return false;
			}
		}
	};

	const read = async (): Promise<boolean> => {
		if (reading) {
			again = true;
			return reading;
		}

		reading = (async () => {
			let finished: boolean;
			do {
				again = false;
				const settled = new Set(waiting.filter(entry => entry.settled));
				finished = await readMore();
				// The log has been read to its end after these reports settled: every line before them is printed.
				printWaiting(entry => settled.has(entry));
			} while (again && !finished);

			if (finished) {
				// The run's last reports (its 100%, often sent just before it returned) go before its closing line.
				printWaiting(() => true);
				if (closing !== undefined) {
					print(closing);
					closing = undefined;
				}
			}

			return finished;
		})().finally(() => {
			reading = undefined;
		});
		return reading;
	};

	return new Promise<RunSummary | undefined>((resolve, reject) => {
		let ended: RunSummary | undefined;
		const cleanups: Array<() => void> = [];
		const finish = (error?: Error) => {
			for (const cleanup of cleanups) {
				cleanup();
			}

			if (error) {
				reject(error);
			} else {
				resolve(ended);
			}
		};

		const step = () => {
			read().then(finished => {
				if (finished || !options.follow) {
					finish();
				}
			}, (error: unknown) => finish(error instanceof ConnectionClosedError ? lostWhileFollowing(runId, error.message, error.code) : error as Error));
		};

		cleanups.push(
			client.on('run-progress', event => {
				if (event.runId === runId && options.printProgress) {
					// When the scheduler heard it, if it says (a scheduler of this version does): the lines' own clock.
					const entry = {report: event, at: Math.min(event.at ?? Date.now(), Date.now()), settled: false};
					waiting.push(entry);
					setImmediate(() => {
						entry.settled = true;
						step();
					});
				}
			}),
			client.on('log-lines', ({lines}) => {
				if (lines.some(line => line.runId === runId)) {
					step();
				}
			}),
			client.on('run-finished', run => {
				if (run.id === runId) {
					ended = run;
					step();
				}
			}),
			client.onClose((reason, code) => finish(lostWhileFollowing(runId, reason, code))),
		);
		const timer = setInterval(step, 1000);
		cleanups.push(() => clearInterval(timer));
		step();
	});
}

/**
 * Following ended with the connection: the scheduler stopped on purpose (its reason says what became
 * of its live runs), it went away (a crash, kill -9), or it dropped this command for not reading (the run goes on).
 */
function lostWhileFollowing(runId: number, reason: string | undefined, code: CloseCode | undefined): SchedulerLostError {
	if (code === 'stopped') {
		return new SchedulerLostError(`following run ${runId} ended: ${reason ?? 'the scheduler stopped'}; see how the run ended with \`sage-console show ${runId}\``);
	}

	return new SchedulerLostError(code === 'stopped-reading'
		? `following run ${runId} ended: ${reason}; the run goes on: follow it again with \`sage-console logs ${runId} --follow\``
		: `the scheduler went away while following run ${runId}${reason ? ` (${reason})` : ''}`);
}

/** When a run's log line was written (pino's `time`, epoch ms), if it says. */
function lineTime(line: string): number | undefined {
	const time = /"time":(\d+)/.exec(line)?.[1];
	return time === undefined ? undefined : Number(time);
}

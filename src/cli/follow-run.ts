import type {SchedulerClient} from '../protocol/client.js';
import type {Events} from '../protocol/messages.js';
import type {RunSummary} from '../protocol/snapshot.js';
import {ConnectionClosedError} from '../protocol/wire.js';

export class SchedulerLostError extends Error {
	override name = 'SchedulerLostError';
}

export type RunProgress = Events['run-progress'];

/**
 * Prints a run's log as it grows, through the scheduler (so it works for runs on other machines'
 * workers too), until the run has ended; resolves with its end. Reads again whenever the scheduler
 * says the run wrote lines or ended, and every second besides. With `printProgress`, the run's
 * progress is printed in the same stream, in the order things happened: a progress report is printed
 * only after the log has been read up to it (the lines the run wrote before it come first, however
 * slowly they are read), and one the run's end overtook is not printed after its end.
 * @throws SchedulerLostError when the scheduler goes away before the run ends
 */
export async function followRun(client: SchedulerClient, runId: number, print: (line: string) => void, options: {follow: boolean; printProgress?: (progress: RunProgress) => void} = {follow: true}): Promise<RunSummary | undefined> {
	let offset = 0;
	let reading: Promise<boolean> | undefined;
	let again = false;
	/** The newest progress report not printed yet: it waits for the read that follows its arrival. */
	let progress: RunProgress | undefined;
	const readMore = async (): Promise<boolean> => {
		for (;;) {
			const chunk = await client.request('read-log', {runId, offset});
			for (const line of chunk.lines) {
				print(line);
			}

			offset = chunk.nextOffset;
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
				const arrived = progress;
				finished = await readMore();
				// Read from after the report's arrival: every line written before it has been printed.
				if (arrived && progress === arrived) {
					progress = undefined;
					if (!finished) {
						options.printProgress?.(arrived);
					}
				}
			} while (again && !finished);

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
			}, (error: unknown) => finish(error instanceof ConnectionClosedError ? new SchedulerLostError(`the scheduler went away while following run ${runId} (${error.message})`) : error as Error));
		};

		cleanups.push(
			client.on('run-progress', event => {
				if (event.runId === runId && options.printProgress) {
					progress = event;
					step();
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
			client.onClose(reason => finish(new SchedulerLostError(`the scheduler went away while following run ${runId}${reason ? ` (${reason})` : ''}`))),
		);
		const timer = setInterval(step, 1000);
		cleanups.push(() => clearInterval(timer));
		step();
	});
}

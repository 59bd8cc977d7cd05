import type {SchedulerClient} from '../protocol/client.js';
import type {RunSummary} from '../protocol/snapshot.js';
import {ConnectionClosedError} from '../protocol/wire.js';

export class SchedulerLostError extends Error {
	override name = 'SchedulerLostError';
}

/**
 * Prints a run's log as it grows, through the scheduler (so it works for runs on other machines'
 * workers too), until the run has ended; resolves with its end. Reads again whenever the scheduler
 * says the run wrote lines or ended, and every second besides.
 * @throws SchedulerLostError when the scheduler goes away before the run ends
 */
export async function followRun(client: SchedulerClient, runId: number, print: (line: string) => void, options: {follow: boolean} = {follow: true}): Promise<RunSummary | undefined> {
	let offset = 0;
	let reading: Promise<boolean> | undefined;
	let again = false;
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
				finished = await readMore();
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

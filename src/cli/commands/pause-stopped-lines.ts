/**
 * What a pause stopped of what had not begun, as `pause` prints it under its first line: each run
 * cancelled before it started (and where it was waiting), each run a worker took as the pause came (it
 * goes on), and each next attempt that was waiting for its backoff.
 */
import type {PauseResult} from '../../protocol/messages.js';

type StoppedRun = PauseResult['stopped']['runs'][number];

function runWords({was, queue}: StoppedRun): string {
	switch (was) {
		case 'queued': {
			return 'cancelled (it was waiting for a slot)';
		}

		case 'off-queue': {
			return `cancelled (it was waiting for a worker on queue ${queue})`;
		}

		case 'taken': {
			return 'goes on (a worker took it as the pause came)';
		}

		case 'withdrawing': {
			return `is being taken off worker queue ${queue} (Redis has not answered yet; a worker may still take it)`;
		}
	}
}

/** The lines, indented; none when the pause stopped nothing. `withJob` names each one's job (`pause --all`). */
export function pauseStoppedLines({runs, attempts}: PauseResult['stopped'], withJob: boolean): string[] {
	const of = (jobId: string) => (withJob ? ` of ${jobId}` : '');
	return [
		...runs.map(run => `  run ${run.runId}${of(run.jobId)} ${runWords(run)}`),
		...attempts.map(({after, attempt, jobId}) => `  attempt ${attempt}${of(jobId)} after run ${after} not run (it was waiting for its backoff; sage-console retry ${after} asks for it)`),
	];
}

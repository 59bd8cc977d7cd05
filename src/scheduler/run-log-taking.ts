/**
 * A run's log file taken as the run starts, and the run-logs notice that goes with failing to: raised
 * when a log cannot be created (the run fails), cleared when one can again. Whether lines then go in
 * is the executor's to say (RunSink.logTrouble).
 */
import type {LiveRunsDeps} from './live-run.js';

/** The new log's path, or why there is none. */
export type TakenRunLog = {logPath: string} | {failure: string};

export class RunLogTaking {
	/** The last run log could not be created (its notice stands until one can). */
	private takeFailed = false;

	constructor(private readonly deps: Pick<LiveRunsDeps, 'runLogs' | 'runLogsProblem'>) {}

	take(now: number): TakenRunLog {
		try {
			const logPath = this.deps.runLogs.take(now);
			if (this.takeFailed) {
				// Created again; whether lines go in is the executor's to say (sink.logTrouble).
				this.takeFailed = false;
				this.deps.runLogsProblem(undefined);
			}

			return {logPath};
		} catch (error) {
			const message = (error as Error).message;
			this.takeFailed = true;
			this.deps.runLogsProblem(`runs fail: ${message}`);
			return {failure: message};
		}
	}
}

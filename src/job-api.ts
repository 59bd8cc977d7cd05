/**
 * The contract between sage-console and a job module in `jobs/`:
 * `export default async function run(ctx: JobContext) { ... }` (or a class/object with `execute(ctx)`).
 */
import type {Logger} from 'pino';

export type JobPaths = {root: string; data: string; processed: string; features: string; reports: string; logs: string};

export type JobContext<Params = Record<string, unknown>> = {
	jobId: string;
	runId: number;
	params: Params;
	scheduledAt: Date;
	/** The trading day this run belongs to (YYYY-MM-DD, Asia/Shanghai). */
	tradeDate?: string;
	attempt: number;
	/** pino logger writing to the run's log file (and the console's log panel). */
	log: Logger;
	/** Reports progress: a fraction from 0 to 1 and an optional message. */
	progress(fraction?: number, message?: string): void;
	/** Aborts on cancel and on timeout: check `signal.aborted` or pass it to fetch. */
	signal: AbortSignal;
	paths: JobPaths;
	/** Pushes a message (HTML body) through the configured channels; `users` narrows PushPlus to those users. */
	notify(title: string, body: string, options?: {users?: string[]}): void;
};

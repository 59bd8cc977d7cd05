/** A worker's heartbeat as it writes it (`sage:workers` hash, by name) and the scheduler reads it. */
export type WorkerBeat = {
	/** `host:pid`. */
	name: string;
	host: string;
	pid: number;
	queues: string[];
	/** Runs at once, per queue. */
	concurrency: number;
	startedAt: number;
	/** This beat's time, on Redis's clock as the worker last measured it (its own before the first beat). */
	at: number;
	/** SIGTERM received: it takes nothing new. */
	stopping: boolean;
	runs: Array<{runId: number; jobId: string}>;
	version: string;
};

export function parseBeat(text: string): WorkerBeat | undefined {
	try {
		const beat = JSON.parse(text) as WorkerBeat;
		return typeof beat.name === 'string' && Array.isArray(beat.queues) && Array.isArray(beat.runs) ? beat : undefined;
	} catch {
		return undefined;
	}
}

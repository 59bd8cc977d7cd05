import {Worker} from 'node:worker_threads';

/**
 * Runs WAL checkpoints on a thread of their own so they never stall the scheduler's event loop.
 * PASSIVE checkpoints never block the writer; the WAL is truncated when no reader holds it.
 */
export class Checkpointer {
	private readonly worker: Worker;

	constructor(file: string, intervalMs = 30_000) {
		this.worker = new Worker(new URL('checkpoint-worker.js', import.meta.url), {workerData: {file, intervalMs}});
		this.worker.unref();
		this.worker.on('error', () => {
			// A failed checkpoint only lets the WAL grow; the next start checkpoints again.
		});
	}

	async close(): Promise<void> {
		await this.worker.terminate();
	}
}

import {Worker} from 'node:worker_threads';
import {workerBootCode} from '../threads/thread-boot-code.js';

/**
 * Runs WAL checkpoints on a thread of their own so they never stall the scheduler's event loop.
 * PASSIVE checkpoints never block the writer; the WAL is truncated when no reader holds it.
 */
export class Checkpointer {
	private readonly worker: Worker;
	private nextId = 0;
	private readonly waiting = new Map<number, () => void>();

	constructor(file: string, intervalMs = 30_000) {
		this.worker = new Worker(workerBootCode('checkpoint-worker', import.meta.url, 'from-source'), {eval: true, workerData: {file, intervalMs}});
		this.worker.unref();
		this.worker.on('message', ({id}: {id: number}) => {
			this.waiting.get(id)?.();
			this.waiting.delete(id);
		});
		this.worker.on('error', () => {
			// A failed checkpoint only lets the WAL grow; the next start checkpoints again.
			this.releaseWaiting();
		});
		this.worker.on('exit', () => {
			this.releaseWaiting();
		});
	}

	/**
	 * Checkpoints now, off this thread, and resolves when it is done, so the next write starts the WAL
	 * from its beginning. A long run of writes calls this between batches: a WAL that only grows makes
	 * every page lookup slower (a year of retention grew it to 1 GB and its batches from 3 to 25 ms).
	 */
	async checkpointNow(): Promise<void> {
		const id = this.nextId++;
		return new Promise(resolve => {
			this.waiting.set(id, resolve);
			this.worker.postMessage({id});
		});
	}

	async close(): Promise<void> {
		await this.worker.terminate();
	}

	private releaseWaiting(): void {
		for (const resolve of this.waiting.values()) {
			resolve();
		}

		this.waiting.clear();
	}
}

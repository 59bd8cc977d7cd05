import {Worker} from 'node:worker_threads';
import {workerBootCode} from '../threads/thread-boot-code.js';

/** A thread with its own connection to the database file, checkpointing its WAL on request. */
export class CheckpointThread {
	private readonly worker: Worker;
	private nextId = 0;
	private readonly waiting = new Map<number, () => void>();

	constructor(file: string) {
		this.worker = new Worker(workerBootCode('checkpoint-worker', import.meta.url, 'from-source'), {eval: true, workerData: {file}});
		this.worker.unref();
		this.worker.on('message', ({id}: {id: number}) => {
			this.waiting.get(id)?.();
			this.waiting.delete(id);
		});
		this.worker.on('error', () => {
			// A failed checkpoint only lets the WAL grow; the next one starts a new thread.
			this.releaseWaiting();
		});
		this.worker.on('exit', () => {
			this.releaseWaiting();
		});
	}

	get busy(): boolean {
		return this.waiting.size > 0;
	}

	/** Resolves when the checkpoint is done, or when the thread failed or ended. */
	async checkpoint(): Promise<void> {
		const id = this.nextId++;
		return new Promise(resolve => {
			this.waiting.set(id, resolve);
			this.worker.postMessage({id});
		});
	}

	async end(): Promise<void> {
		await this.worker.terminate();
	}

	private releaseWaiting(): void {
		for (const resolve of this.waiting.values()) {
			resolve();
		}

		this.waiting.clear();
	}
}

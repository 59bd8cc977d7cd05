/**
 * A worker's side of a run's stream: events written in order, each numbered, none dropped. One
 * connection keeps them in order, including across a reconnect (ioredis queues commands while Redis is
 * away and sends them when it is back); a command the server ran but whose answer was lost may be
 * sent twice, and its number lets the console read it once. A write that fails outright is tried
 * again until it lands: the run's outcome must reach the console.
 */
import type {Redis} from 'ioredis';
import {encodeEvent, type RunEvent} from './run-events.js';

export class RunEventWriter {
	private seq = 0;
	private last: Promise<void> = Promise.resolve();

	constructor(private readonly client: Redis, private readonly key: string) {}

	/** Numbers after the one the claim wrote (`taken` is 1). */
	startAfter(seq: number): void {
		this.seq = seq;
	}

	write(event: RunEvent): Promise<void> {
		const entry = encodeEvent({...event, s: ++this.seq});
		// Sent now (ioredis keeps the order), awaited in order; a failure is retried after those before it.
		const sent = this.client.xadd(this.key, '*', 'e', entry);
		const previous = this.last;
		this.last = (async () => {
			await previous;
			try {
				await sent;
			} catch {
				await this.retry(entry);
			}
		})();
		return this.last;
	}

	/** Settles once everything written so far has landed. */
	async flushed(): Promise<void> {
		await this.last;
	}

	private async retry(entry: string): Promise<void> {
		for (let attempt = 1; ; attempt++) {
			await new Promise(resolve => {
				setTimeout(resolve, Math.min(250 * attempt, 2000));
			});
			try {
				await this.client.xadd(this.key, '*', 'e', entry);
				return;
			} catch {
				// Redis refuses (out of memory, read-only replica) or is away: keep trying.
			}
		}
	}
}

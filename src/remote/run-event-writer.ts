/**
 * A worker's side of a run's stream: events written in order, each numbered, none dropped. What is
 * written within one tick goes as one entry and one news entry (`sage:runs:news`, after it), in one
 * pipeline: one write, one round trip. One connection keeps them in order, including across a
 * reconnect (ioredis queues commands while Redis is away and sends them when it is back); a command the
 * server ran but whose answer was lost may be sent twice, and the events' numbers let the console read
 * each once. A write that fails outright is tried again until it lands: the run's outcome must reach
 * the console.
 */
import type {ChainableCommander, Redis} from 'ioredis';
import {finishedRunTtlSeconds, runNewsKey, runNewsMaxLength, type runKeys} from './remote-keys.js';
import {encodeEvent, type RunEvent} from './run-events.js';

type Batch = {fields: string[]; final: boolean; timer: NodeJS.Timeout; go(): void};

/**
 * Events are gathered this long before they are sent: a short run's `started`, its log and its end
 * travel as one write. The end goes at once. `taken` is not delayed (the claim writes it).
 */
const gatherMs = 5;

export class RunEventWriter {
	private seq = 0;
	private last: Promise<void> = Promise.resolve();
	private batch: Batch | undefined;
	private sent: Promise<void> | undefined;

	constructor(private readonly client: Redis, private readonly keys: ReturnType<typeof runKeys>) {}

	/** Numbers after the one the claim wrote (`taken` is 1). */
	startAfter(seq: number): void {
		this.seq = seq;
	}

	/** Queues the event; it is sent with the others of this tick. Settles once it has landed. */
	async write(event: RunEvent): Promise<void> {
		return this.add(event, false);
	}

	/** The run's last event: sent with the expiry of the run's keys (they outlive its end by a day). */
	async end(event: RunEvent): Promise<void> {
		return this.add(event, true);
	}

	/** Settles once everything written so far has landed. */
	async flushed(): Promise<void> {
		await (this.sent ?? this.last);
	}

	private async add(event: RunEvent, final: boolean): Promise<void> {
		if (!this.batch) {
			let go!: () => void;
			this.sent = new Promise(resolve => {
				go = () => {
					resolve(this.send());
				};
			});
			this.batch = {fields: [], final: false, timer: setTimeout(go, gatherMs), go};
		}

		const batch = this.batch;
		batch.fields.push('e', encodeEvent({...event, s: ++this.seq}));
		if (final && !batch.final) {
			batch.final = true;
			clearTimeout(batch.timer);
			// After what else this tick writes (the last log bytes).
			setImmediate(batch.go);
		}

		return this.sent;
	}

	/** Sends the batch now (ioredis keeps the order); awaited in order, a failure retried after those before it. */
	private async send(): Promise<void> {
		const batch = this.batch!;
		this.batch = undefined;
		this.sent = undefined;
		const sent = this.commands(batch).exec();
		const previous = this.last;
		this.last = (async () => {
			await previous;
			if (!landed(await sent.catch(() => null))) {
				await this.retry(batch);
			}
		})();
		return this.last;
	}

	private commands(batch: Batch): ChainableCommander {
		const pipeline = this.client.pipeline()
			.xadd(this.keys.events, '*', ...batch.fields)
			.xadd(runNewsKey, 'MAXLEN', '~', runNewsMaxLength, '*', 'r', this.keys.events);
		if (batch.final) {
			for (const key of [this.keys.events, this.keys.owner, this.keys.claim]) {
				pipeline.expire(key, finishedRunTtlSeconds);
			}
		}

		return pipeline;
	}

	private async retry(batch: Batch): Promise<void> {
		for (let attempt = 1; ; attempt++) {
			await new Promise(resolve => {
				setTimeout(resolve, Math.min(250 * attempt, 2000));
			});
			if (landed(await this.commands(batch).exec().catch(() => null))) {
				return;
			}

			// Redis refuses (out of memory, read-only replica) or is away: keep trying.
		}
	}
}

/** Whether the run's entry was written (a pipeline's replies: [error, result] per command). */
function landed(replies: Array<[Error | null, unknown]> | null): boolean {
	return replies?.[0]?.[0] === null;
}

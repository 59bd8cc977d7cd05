/**
 * A worker's side of a run's stream: events written in order, each numbered, none dropped. What is
 * written within a few milliseconds goes as one entry and one news entry (`sage:runs:news`, after it,
 * carrying the events when they are small; see run-events-script), in one write and one round trip;
 * a batch is sent once the one before it has landed. The claim's `taken`, already on the run's stream,
 * is told in the news of the first batch (or alone, if nothing else comes within the gathering time),
 * and the run's end carries the expiry of its keys: a short run is its claim and one write. A command
 * the server ran but whose answer was lost (a reconnect) may be sent twice, and the events' numbers
 * let the console read each once. A write that fails outright is tried again until it lands: the
 * run's outcome must reach the console.
 */
import type {ChainableCommander, Redis} from 'ioredis';
import {finishedRunTtlSeconds, runNewsKey, runNewsMaxLength, type runKeys} from './remote-keys.js';
import {encodeEvent, type RunEvent} from './run-events.js';
import {newsPayloadBytes, runEventsScript, runEventsSha} from './run-events-script.js';

/** `told`: events already on the run's stream (the claim's) that this batch's news tells first, and the entry holding them. */
type Batch = {fields: string[]; bytes: number; final: boolean; told?: {fields: string[]; entryId: string}; timer?: NodeJS.Timeout; sent: Promise<void>; go(): void};

/**
 * Events are gathered this long before they are sent: a short run's `started`, its log and its end
 * travel as one write. The end goes at once. `taken` is not delayed (the claim writes it).
 */
const gatherMs = 5;
/** Events in one entry at most (a script's arguments are bounded). */
const eventsPerEntry = 200;

export class RunEventWriter {
	private seq = 0;
	private last: Promise<void> = Promise.resolve();
	/** The batch still gathering events. */
	private batch: Batch | undefined;

	constructor(private readonly client: Redis, private readonly keys: ReturnType<typeof runKeys>) {}

	/**
	 * The claim wrote `event` on the run's stream as entry `entryId`, with no news: the news of the next
	 * batch tells it first, and a batch is started so that is within the gathering time. Events written
	 * from now on are numbered after it.
	 */
	tell(event: RunEvent & {s: number}, entryId: string): void {
		this.seq = Math.max(this.seq, event.s);
		const batch = this.batch ?? this.newBatch();
		const text = encodeEvent(event);
		batch.told = {fields: ['e', text], entryId};
		batch.bytes += text.length;
	}

	/** Queues the event; it is sent with the others gathered. Settles once it has landed. */
	async write(event: RunEvent): Promise<void> {
		return this.add(event, false);
	}

	/** The run's last event: sent at once, with the expiry of the run's keys (they outlive its end by a day). */
	async end(event: RunEvent): Promise<void> {
		return this.add(event, true);
	}

	private async add(event: RunEvent, final: boolean): Promise<void> {
		const batch = this.batch ?? this.newBatch();
		const text = encodeEvent({...event, s: ++this.seq});
		batch.fields.push('e', text);
		batch.bytes += text.length;
		if (final || batch.fields.length >= eventsPerEntry * 2) {
			batch.final ||= final;
			this.batch = undefined;
			clearTimeout(batch.timer);
			// After what else this tick writes (the last log bytes go before the end).
			setImmediate(batch.go);
		}

		return batch.sent;
	}

	private newBatch(): Batch {
		let go!: () => void;
		const sent = new Promise<void>(resolve => {
			go = () => {
				resolve(this.send(batch));
			};
		});
		const batch: Batch = {fields: [], bytes: 0, final: false, sent, go};
		batch.timer = setTimeout(go, gatherMs);
		this.batch = batch;
		return batch;
	}

	/**
	 * Sends the batch once the one before it has landed: a batch is never overtaken, even when one is
	 * refused (a script Redis lost in a restart, a full memory) and sent again.
	 */
	private async send(batch: Batch): Promise<void> {
		if (this.batch === batch) {
			this.batch = undefined;
		}

		const previous = this.last;
		this.last = (async () => {
			await previous;
			let replies = await this.commands(batch, false).exec().catch(() => null);
			if (replies?.[0]?.[0]?.message.includes('NOSCRIPT')) {
				// Nothing ran: Redis did not know the script (new or restarted); sent whole this once.
				replies = await this.commands(batch, true).exec().catch(() => null);
			}

			if (!landed(replies)) {
				await this.retry(batch);
			}
		})();
		return this.last;
	}

	private commands(batch: Batch, whole: boolean): ChainableCommander {
		const told = batch.told?.fields ?? [];
		if (batch.fields.length === 0) {
			// Only the claim's event to tell: its news entry names the claim's entry.
			return this.client.pipeline().xadd(runNewsKey, 'MAXLEN', '~', runNewsMaxLength, '*', 'r', this.keys.events, 'i', batch.told!.entryId, ...told);
		}

		const keys = batch.final ? [this.keys.events, runNewsKey, this.keys.owner, this.keys.claim] : [this.keys.events, runNewsKey];
		const args: Array<string | number> = [...keys, runNewsMaxLength, batch.bytes <= newsPayloadBytes ? '1' : '0', told.length, batch.final ? finishedRunTtlSeconds : 0, ...told, ...batch.fields];
		return whole ? this.client.pipeline().eval(runEventsScript, keys.length, ...args) : this.client.pipeline().evalsha(runEventsSha, keys.length, ...args);
	}

	private async retry(batch: Batch): Promise<void> {
		for (let attempt = 1; ; attempt++) {
			await new Promise(resolve => {
				setTimeout(resolve, Math.min(250 * attempt, 2000));
			});
			if (landed(await this.commands(batch, true).exec().catch(() => null))) {
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

/**
 * What a worker tells about a run, in order, on the run's stream (`sage:run:<id>:events`): the
 * console reads it to drive the run's sink and write its log file. A stream, not pub/sub: entries wait
 * in Redis while the console is away or Redis blinks, and a restarted console reads them from the start.
 * An entry holds one or more events (`e <json> e <json> …`): what a worker had to say within one
 * tick is one entry, one write.
 */
import type {LogLine} from '../core/log-line.js';
import type {RunOutcome} from '../executors/executor.js';

export type RunEvent =
	/** A worker took the run off the queue (`worker`: `host:pid`). */
	| {t: 'taken'; at: number; worker: string}
	/** The job's code began. */
	| {t: 'started'; at: number}
	| {t: 'progress'; f?: number; m?: string}
	/** Lines for the console's log tail. */
	| {t: 'lines'; lines: LogLine[]}
	/** The run log's `n` bytes from byte `o` (whole lines, as the worker's executor wrote them). */
	| {t: 'log'; o: number; n: number; d: string}
	| {t: 'notify'; title: string; body: string; users?: string[]}
	/**
	 * The run ended. `handOver`: it did not finish here and goes to another worker as the next attempt
	 * (the worker was stopping), saying why. `at`: when it ended there, on Redis's clock (its news may
	 * reach the console much later: Redis was away, or the console was stopped); absent from older workers.
	 */
	| {t: 'end'; outcome: RunOutcome; handOver?: string; at?: number}
	/** BullMQ found the run's worker stopped renewing its lock (told by the worker that noticed, `by`). */
	| {t: 'stalled'; by: string; reason: string};

/** An event as written: with the writer's sequence number, so a command resent after a reconnect is read once. */
export type SequencedEvent = RunEvent & {s?: number};

export function encodeEvent(event: SequencedEvent): string {
	return JSON.stringify(event);
}

export function decodeEvent(text: string | undefined): SequencedEvent | undefined {
	if (text === undefined) {
		return undefined;
	}

	try {
		const value = JSON.parse(text) as SequencedEvent;
		return typeof value === 'object' && value !== null && typeof value.t === 'string' ? value : undefined;
	} catch {
		return undefined;
	}
}

/** The events of one stream entry (its fields `e <json>` pairs), in order; unreadable ones skipped. */
export function decodeEntry(fields: readonly string[]): SequencedEvent[] {
	const events: SequencedEvent[] = [];
	for (let index = 1; index < fields.length; index += 2) {
		const event = fields[index - 1] === 'e' ? decodeEvent(fields[index]) : undefined;
		if (event) {
			events.push(event);
		}
	}

	return events;
}

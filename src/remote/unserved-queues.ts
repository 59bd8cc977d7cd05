/**
 * Runs waiting on a worker queue that no worker online serves (none started, all stopped or
 * stopping, or one started with other `--queues`): nothing would ever take them, and `queued` alone
 * does not say why. A standing notice names the queues and the command that serves them, its
 * `--redis` too (a worker started on another Redis or database serves nothing here: the URL shows
 * it), once a queue has been so for `afterMs` (a worker just starting is not blamed), and goes when a
 * worker serves it or nothing waits there any more. While Redis is unreachable its own notice says
 * enough: this one is left as it was.
 */
import type {RemoteView} from '../protocol/snapshot.js';
import {takingWorkers} from './taking-workers.js';

/** How long a queue has runs waiting and no worker before it is told. */
const defaultAfterMs = 3000;

export class UnservedQueues {
	/** Queues with runs waiting and no worker, since when. */
	private readonly since = new Map<string, number>();
	private told: string | undefined;

	constructor(private readonly notice: (text: string | undefined) => void, private readonly afterMs = defaultAfterMs) {}

	/** Looks at a new picture of the workers and queues. */
	look(view: RemoteView, now: number): void {
		if (!view.reachable) {
			return;
		}

		const served = new Set(takingWorkers(view).flatMap(worker => worker.queues));
		const unserved = new Set(view.queues.filter(queue => queue.waiting > 0 && !served.has(queue.name)).map(queue => queue.name));
		for (const name of this.since.keys()) {
			if (!unserved.has(name)) {
				this.since.delete(name);
			}
		}

		for (const name of unserved) {
			if (!this.since.has(name)) {
				this.since.set(name, now);
			}
		}

		const lasting = [...this.since].filter(([, since]) => now - since >= this.afterMs).map(([name]) => name).sort();
		this.tell(lasting.length === 0 ? undefined : textOf(lasting, view));
	}

	private tell(text: string | undefined): void {
		if (text !== this.told) {
			this.told = text;
			this.notice(text);
		}
	}
}

function textOf(queues: string[], view: RemoteView): string {
	const waiting = queues.reduce((sum, name) => sum + (view.queues.find(queue => queue.name === name)?.waiting ?? 0), 0);
	const runs = waiting === 1 ? '1 run waits' : `${waiting} runs wait`;
	const where = queues.length === 1 ? `worker queue ${queues[0]!}` : `worker queues ${queues.join(', ')}`;
	return `${runs} on ${where}: no worker online serves ${queues.length === 1 ? 'it' : 'them'} (sage-console worker --redis ${view.redis} --queues ${queues.join(',')})`;
}

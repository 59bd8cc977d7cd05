/**
 * Workers online that take runs from a queue no `run_on: workers` job of this scheduler uses: a typo
 * in `--queues`, a worker whose checkout's jobs.yaml is not this one's (its queues default to its
 * own jobs'), or a queue that file dropped since the worker started (a worker serves a queue it took
 * on until it restarts: runs may still be queued there, worker-queue-news.ts). Nothing ever reaches it there, and with another worker serving the jobs' queues nothing
 * else would say so. A standing notice names each such worker, its queues and the jobs' queues, and
 * goes once it is restarted with them (or leaves, or a job comes to use its queue).
 */
import type {RemoteView} from '../protocol/snapshot.js';
import {takingWorkers} from './taking-workers.js';

export class UnusedWorkerQueues {
	private told: string | undefined;

	constructor(private readonly notice: (text: string | undefined) => void) {}

	/** Looks at a new picture of the workers, against the worker queues the jobs use. */
	look(view: RemoteView, used: readonly string[]): void {
		if (!view.reachable) {
			return;
		}

		const known = new Set(used);
		const strays = takingWorkers(view)
			.map(worker => ({name: worker.name, queues: worker.queues.filter(queue => !known.has(queue))}))
			.filter(worker => worker.queues.length > 0);
		const text = strays.length === 0 ? undefined : textOf(strays, [...known].sort());
		if (text !== this.told) {
			this.told = text;
			this.notice(text);
		}
	}
}

/** `strays`: each worker with the queues of its that no job uses (it may serve used ones too). */
function textOf(strays: Array<{name: string; queues: string[]}>, used: string[]): string {
	const workers = strays.map(worker => `worker ${worker.name} takes runs from ${worker.queues.join(', ')}`).join('; ');
	const queues = strays.flatMap(worker => worker.queues);
	const jobs = used.length === 0 ? 'no job runs on workers' : `the jobs' worker queues: ${used.join(', ')}`;
	return `${workers}, which no run_on: workers job uses (${jobs}): ${queues.length === 1 ? 'a typo in its --queues, its checkout\'s jobs.yaml is not this one, or that file dropped the queue since the worker started (it serves it until it restarts)' : 'typos in --queues, checkouts whose jobs.yaml is not this one, or queues those files dropped since the workers started (served until they restart)'}`;
}

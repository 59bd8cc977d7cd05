/**
 * The workers and queues as the scheduler sees them: every worker's last heartbeat (`sage:workers`),
 * whether it is current (its alive key has not expired), and each worker queue's depth. Polled a
 * few times a second at most; what a run on a dead worker needs (see RemoteRun.check) comes from here.
 */
import type {QueueDepthView, WorkerView} from '../protocol/snapshot.js';
import type {RedisLink} from './redis-link.js';
import {workerAliveKey, workersKey} from './remote-keys.js';
import {parseBeat, type WorkerBeat} from './worker-beat.js';

/** Workers not heard of for this long leave the list. */
const forgetAfterMs = 3_600_000;

type Known = {beat: WorkerBeat; alive: boolean; lastSeenAt: number};

export class WorkerDirectory {
	private readonly known = new Map<string, Known>();

	constructor(private readonly link: RedisLink, private readonly now: () => number = Date.now) {}

	/** Whether `worker`'s heartbeat is current; undefined when it was never heard of. */
	alive(worker: string): boolean | undefined {
		return this.known.get(worker)?.alive;
	}

	/** The time of `worker`'s last heartbeat, as it told it: a worker that died was alive then, and gone soon after. */
	lastBeatAt(worker: string): number | undefined {
		return this.known.get(worker)?.beat.at;
	}

	/** Reads the heartbeats; workers silent for an hour are removed from Redis too. */
	async pollWorkers(): Promise<WorkerView[]> {
		const {command} = this.link;
		const entries = await command.hgetall(workersKey);
		const beats = Object.values(entries).flatMap(text => {
			const beat = parseBeat(text);
			return beat ? [beat] : [];
		});
		const alive = beats.length === 0 ? [] : await command.pipeline(beats.map(beat => ['exists', workerAliveKey(beat.name)])).exec();
		const now = this.now();
		const seen = new Set<string>();
		for (const [index, beat] of beats.entries()) {
			const isAlive = alive?.[index]?.[1] === 1;
			const previous = this.known.get(beat.name);
			const lastSeenAt = isAlive ? now : previous?.lastSeenAt ?? beat.at;
			seen.add(beat.name);
			this.known.set(beat.name, {beat, alive: isAlive, lastSeenAt});
			if (!isAlive && now - lastSeenAt > forgetAfterMs) {
				this.known.delete(beat.name);
				void command.hdel(workersKey, beat.name).catch(() => undefined);
			}
		}

		for (const name of this.known.keys()) {
			if (!seen.has(name)) {
				this.known.delete(name);
			}
		}

		return [...this.known.values()].map(({beat, alive: online, lastSeenAt}) => ({
			name: beat.name,
			host: beat.host,
			pid: beat.pid,
			queues: beat.queues,
			concurrency: beat.concurrency,
			online,
			stopping: beat.stopping,
			startedAt: beat.startedAt,
			lastSeenAt,
			runs: online ? beat.runs.map(run => ({runId: run.runId, jobId: run.jobId})) : [],
			version: beat.version,
		})).sort((a, b) => a.name.localeCompare(b.name));
	}

	/** Runs waiting, running and delayed on each queue, as BullMQ counts them. */
	async pollQueues(names: readonly string[]): Promise<QueueDepthView[]> {
		return Promise.all([...new Set(names)].sort().map(async name => {
			const counts = await this.link.queue(name).getJobCounts('waiting', 'prioritized', 'active', 'delayed');
			return {name, waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0), active: counts.active ?? 0, delayed: counts.delayed ?? 0};
		}));
	}
}

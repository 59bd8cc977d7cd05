/** Runs on workers as `status` prints them (text and `--json`): Redis, the workers and the queue depths. */
import type {RemoteView} from '../protocol/snapshot.js';

type Iso = (ms: number) => string | undefined;

export function remoteJson(remote: RemoteView, iso: Iso) {
	return {
		redis: {url: remote.redis, reachable: remote.reachable, ...(remote.problem ? {problem: remote.problem} : {}), ...(remote.evictionWarning ? {evictionWarning: remote.evictionWarning} : {})},
		workers: remote.workers.map(worker => ({
			name: worker.name, host: worker.host, pid: worker.pid, online: worker.online, stopping: worker.stopping, queues: worker.queues, concurrency: worker.concurrency,
			running: worker.runs, startedAt: iso(worker.startedAt), lastSeenAt: iso(worker.lastSeenAt), ...(worker.version ? {version: worker.version} : {}),
		})),
		queues: remote.queues,
	};
}

/** A few lines for `status`: Redis, then a row per worker and per queue. */
export function remoteLines(remote: RemoteView, now: number): string[][] {
	const ago = (ms: number) => `${Math.max(0, Math.round((now - ms) / 1000))}s ago`;
	return remote.workers.map(worker => [
		worker.name,
		worker.queues.join(','),
		worker.online ? (worker.stopping ? 'stopping' : 'online') : 'offline',
		worker.runs.length > 0 ? worker.runs.map(run => `${run.jobId}#${run.runId}`).join(' ') : `0/${worker.concurrency * worker.queues.length}`,
		ago(worker.lastSeenAt),
	]);
}

export function redisLine(remote: RemoteView): string {
	const online = remote.workers.filter(worker => worker.online).length;
	const depths = remote.queues.map(queue => `${queue.name} ${queue.waiting} waiting/${queue.active} running`).join(', ');
	return `redis ${remote.redis} ${remote.reachable ? 'reachable' : `UNREACHABLE${remote.problem ? ` (${remote.problem})` : ''}`} · ${online} worker${online === 1 ? '' : 's'} online${depths ? ` · ${depths}` : ''}`;
}

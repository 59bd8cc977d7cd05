/**
 * What a run's hand-over says of BullMQ finding its lock expired (`worker X stopped answering (…)`).
 * Found by another worker: that one is named. Found by the run's own worker, it was still alive then
 * (a Redis outage longer than the lock, or too busy to renew it), and what lost it later is its heartbeat
 * stopping: naming it as the one that noticed its own death read as nonsense.
 */
export function stalledNote(by: string, worker: string | undefined): string {
	return by === worker
		? 'its heartbeat stopped; BullMQ had found its lock expired earlier, as the worker itself noticed'
		: `BullMQ found its lock expired, noticed by ${by}`;
}

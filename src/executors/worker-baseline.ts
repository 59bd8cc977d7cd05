import {getHeapStatistics} from 'node:v8';
import {GlobalFingerprint} from './global-fingerprint.js';

/**
 * What a fresh job worker looks like once booted (timers and handles, globals and built-ins), kept to
 * judge after each run whether the worker is still fit for another run of the same job. Reusing a worker
 * that a run left with a timer, a socket, a changed built-in or a big heap would hand the next run
 * something the run before left behind.
 */
export class WorkerBaseline {
	private constructor(private readonly resources: Map<string, number>, private readonly fingerprint: GlobalFingerprint) {}

	/** Taken at boot, after the worker's own set-up and before any job module is loaded. */
	static take(): WorkerBaseline {
		return new WorkerBaseline(countResources(), GlobalFingerprint.take());
	}

	/** Why the worker must not run again ("left 1 Timeout, 1 TCPSocketWrap behind"…); empty when it may. */
	leftovers(heapLimitMb: number): string[] {
		const reasons: string[] = [];
		const extra = [...countResources()].filter(([type, count]) => count > (this.resources.get(type) ?? 0)).map(([type, count]) => `${count - (this.resources.get(type) ?? 0)} ${type}`);
		if (extra.length > 0) {
			reasons.push(`left ${extra.join(', ')} behind`);
		}

		reasons.push(...this.fingerprint.changes());
		const heapMb = getHeapStatistics().used_heap_size / 1024 / 1024;
		if (heapMb > heapLimitMb) {
			reasons.push(`its heap holds ${Math.round(heapMb)} MiB (the limit for reuse is ${heapLimitMb} MiB)`);
		}

		return reasons;
	}
}

/** Active handles and requests by type (`Timeout`, `TCPSocketWrap`, `FSReqCallback`…). */
function countResources(): Map<string, number> {
	const counts = new Map<string, number>();
	for (const type of process.getActiveResourcesInfo()) {
		counts.set(type, (counts.get(type) ?? 0) + 1);
	}

	return counts;
}

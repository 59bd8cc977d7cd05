import {readlinkSync} from 'node:fs';
import {constants, setPriority} from 'node:os';

/**
 * Lowers the calling thread's CPU priority (Linux gives each thread its own nice value; the thread's id
 * is the last part of /proc/thread-self). Job workers call it at boot. On a two-core box the scheduler's
 * thread otherwise lost its core to the worker it had just woken: handing a run to a worker took
 * 130–150 µs instead of 15, and a second's hundred starts queued behind those handovers. Jobs lose
 * nothing when the box is otherwise idle. Elsewhere, or if the system refuses, nothing changes.
 */
export function yieldCpuToScheduler(): boolean {
	try {
		const threadId = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
		if (!Number.isInteger(threadId) || threadId <= 0 || threadId === process.pid) {
			return false;
		}

		setPriority(threadId, constants.priority.PRIORITY_BELOW_NORMAL);
		return true;
	} catch {
		return false;
	}
}

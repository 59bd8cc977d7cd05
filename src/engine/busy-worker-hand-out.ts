import type {LiveRuns} from './live-runs.js';
import {outranks, type RunQueue} from './run-queue.js';
import type {SlotAdmission} from './slot-admission.js';
import type {LineTail as Lane} from './worker-lines.js';

/**
 * With every slot taken, hands queued runs to the busy workers with the fewest runs waiting, in queue
 * order, to start there as the runs before them end (see LiveRuns.handBehind). So that priority holds
 * across workers, the runs waiting on workers are all of one priority, and handing out stops at the
 * first run that needs a slot of its own (a command, a job with `max_memory`, a limited queue): runs
 * handed behind it would hold the slots it waits for. Runs that wait for their own job's run are
 * passed over. Returns whether any was handed out.
 */
export function handBehindBusyRuns(queue: RunQueue, live: LiveRuns, admission: SlotAdmission): boolean {
	const lanes = live.laneTails();
	let priority = live.waitingPriority;
	let handed = false;
	for (const next of [...queue.all()]) {
		if (lanes.length === 0) {
			break;
		}

		if (admission.waitsForItself(next)) {
			continue;
		}

		if (!admission.admitsBehind(next) || (priority !== undefined && next.job.priority !== priority)) {
			break;
		}

		let lane = lanes[0]!;
		for (const other of lanes) {
			lane = other.waiting < lane.waiting ? other : lane;
		}

		if (live.handBehind(next, lane.tail)) {
			queue.remove(next);
			admission.countBehind(next);
			priority = next.job.priority;
			lane.tail = live.get(next.runId)!;
			lane.waiting++;
			handed = true;
		} else {
			lanes.splice(lanes.indexOf(lane), 1);
		}
	}

	return handed;
}

/**
 * Takes runs waiting on busy workers back to the queue where they would otherwise wait wrongly: any
 * that the queue's first run outranks (priority holds), and, for each free slot, the last half of the
 * longest line when nothing queued outranks them (a run does not wait behind a long one, or a worker
 * the system has not scheduled for a while, when a slot is free: one taken back starts in that slot
 * and the others are handed out again behind it). A run its worker has already claimed stays.
 */
export function takeBackWaitingRuns(queue: RunQueue, live: LiveRuns, freeSlots: number): void {
	const lanes = live.laneTails().filter(lane => lane.waiting > 0);
	const best = queue.all()[0];
	if (best) {
		for (const lane of lanes) {
			while (lane.tail.after && outranks(best, lane.tail.pending) && takeBackTail(queue, live, lane)) {
				// Taken back.
			}
		}
	}

	for (let free = freeSlots; free > 0; free--) {
		const longest = lanes.reduce<Lane | undefined>((most, lane) => lane.tail.after && lane.waiting > (most?.waiting ?? 0) ? lane : most, undefined);
		if (!longest) {
			return;
		}

		for (let take = Math.ceil(longest.waiting / 2); take > 0; take--) {
			const first = queue.all()[0];
			if ((first && !outranks(longest.tail.pending, first)) || !takeBackTail(queue, live, longest)) {
				break;
			}
		}
	}
}

function takeBackTail(queue: RunQueue, live: LiveRuns, lane: Lane): boolean {
	const {tail} = lane;
	const before = tail.after;
	if (!before || !live.withdraw(tail)) {
		return false;
	}

	queue.add(tail.pending);
	lane.tail = before;
	lane.waiting--;
	return true;
}

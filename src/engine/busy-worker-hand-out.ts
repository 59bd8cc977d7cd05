import type {LiveRun, LiveRuns} from './live-runs.js';
import {outranks, type RunQueue} from './run-queue.js';
import type {SlotAdmission} from './slot-admission.js';

/** A busy worker's line: the last run handed to it, and how many wait there. */
type Lane = {tail: LiveRun; waiting: number};

/**
 * With every slot taken, hands the queued runs that may wait on a busy worker to the workers with the
 * fewest runs waiting, in queue order, to start there as the runs before them end (see
 * LiveRuns.handBehind). Returns whether any was handed out.
 */
export function handBehindBusyRuns(queue: RunQueue, live: LiveRuns, admission: SlotAdmission): boolean {
	const lanes = live.laneTails();
	let handed = false;
	while (lanes.length > 0) {
		const next = queue.take(run => admission.admitsBehind(run));
		if (!next) {
			break;
		}

		let lane = lanes[0]!;
		for (const other of lanes) {
			lane = other.waiting < lane.waiting ? other : lane;
		}

		if (live.handBehind(next, lane.tail)) {
			admission.countBehind(next);
			lane.tail = live.get(next.runId)!;
			lane.waiting++;
			handed = true;
		} else {
			queue.add(next);
			lanes.splice(lanes.indexOf(lane), 1);
		}
	}

	return handed;
}

/**
 * Takes runs waiting on busy workers back to the queue where they would otherwise wait wrongly: any
 * that the queue's first run outranks (priority holds), and, with `freeSlots` and nothing queued, the
 * last of the longest line for each free slot (a run does not wait behind a long one while a slot is
 * free). A run the worker has already claimed stays.
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

		return;
	}

	for (let free = freeSlots; free > 0; free--) {
		const longest = lanes.reduce<Lane | undefined>((most, lane) => lane.tail.after && lane.waiting > (most?.waiting ?? 0) ? lane : most, undefined);
		if (!longest || !takeBackTail(queue, live, longest)) {
			return;
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

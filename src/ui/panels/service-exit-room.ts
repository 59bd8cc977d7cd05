/**
 * Room for a service's last exit on a narrow terminal. A service in backoff (or stopped) has no process:
 * its pid and memory cells are blank, and its last exit, in the column after them, was cut at 80 columns
 * (`11-19 10:14:21 SI…`) beside the blanks. It moves left into them as far as it needs to read whole.
 */
import {displayWidth} from '../text-fit.js';

/** The cells before the exit column (`before`), the pid and memory columns, and whether each is blank in the row. */
export type ExitRoomInput = {before: number; pid: {width: number; blank: boolean}; memory: {width: number; blank: boolean}; exit: string; width: number};

/** How many cells of the blank pid and memory just before it the exit takes (0: it stays in its column). */
export function exitShift({before, pid, memory, exit, width}: ExitRoomInput): number {
	// Only blanks right before the exit: the memory cell, and the pid's too when both are blank.
	const blank = memory.blank ? memory.width + (pid.blank ? pid.width : 0) : 0;
	const room = width - before - pid.width - memory.width;
	return Math.min(blank, Math.max(0, displayWidth(exit) - room));
}

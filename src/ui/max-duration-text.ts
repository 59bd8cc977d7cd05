/**
 * How the console words a run going on past its job's `max_duration` (its live row's `overMaxDuration`),
 * as `sage-console status` does (`! max_duration train: run 42 still running past its 10m since …`): the
 * alert told it once, the running panel's row keeps saying it while the run goes on.
 */
import {formatDuration} from '../config/quantities.js';
import type {LiveRunView} from '../protocol/snapshot.js';

/** The row's glyph for it: `!`, as status marks what needs the operator. */
export const overMaxDurationGlyph = '!';

/** `past max_duration 10m`, before its message; empty for a run within its max_duration. */
export function overMaxDurationNote(run: LiveRunView): string {
	return run.overMaxDuration ? `past max_duration ${formatDuration(run.overMaxDuration.maxDurationMs)}` : '';
}

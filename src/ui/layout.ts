/** Rows of each panel, top to bottom, all at the terminal's full width. */
export type ConsoleLayout = {
	width: number;
	/** Rows between the header and the status line. */
	main: number;
	jobs: number;
	running: number;
	log: number;
	failures: number;
};

export type PanelCounts = {jobs: number; live: number; failures: number};

const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(value, max));

/**
 * Panel sizes for the terminal. Every panel spans the whole width, so ids, schedules and times are
 * never cut to fit a column (at 120 columns a jobs row with its schedule takes ~110). Jobs and live
 * runs get the rows they need within a cap; every row left over goes to the log and the failures, so
 * a tall terminal shows more log rather than blank space. The last row is left free: Ink clears the
 * whole screen on every frame when its output reaches the terminal's height.
 */
export function computeLayout(columns: number, rows: number, headerLines: number, counts: PanelCounts): ConsoleLayout {
	const main = Math.max(10, rows - 1 - headerLines - 1);
	const running = clamp(counts.live + 1, 2, Math.max(2, Math.floor(main / 4)));
	// Title and column headings, then a row per job.
	const jobs = clamp(counts.jobs + 2, 4, Math.max(4, Math.floor(main * 0.45)));
	const rest = main - running - jobs;
	const failures = clamp(counts.failures + 1, 2, Math.max(2, Math.floor(rest * 0.4)));
	return {width: columns, main, jobs, running, failures, log: Math.max(2, rest - failures)};
}

/** Rows of each panel, top to bottom, all at the terminal's full width. */
export type ConsoleLayout = {
	width: number;
	/** Rows between the header and the status line. */
	main: number;
	jobs: number;
	running: number;
	/** 0 when the scheduler has no runs on workers (no `redis:`). */
	workers: number;
	/** 0 when jobs.yaml has no services. */
	services: number;
	log: number;
	failures: number;
};

export type PanelCounts = {
	jobs: number;
	live: number;
	failures: number;
	/** Services in jobs.yaml (none: no services panel). */
	services?: number;
	/** Workers known, when runs on workers are configured (undefined: no workers section). */
	workers?: number;
};

const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(value, max));

/** Rows between the header and the status line that the panels need at their smallest. */
const mainMin = 10;

/**
 * The smallest terminal the panels fit on whole (with `headerLines` header rows: the header and its
 * ⚠ lines); on a smaller one the console says so instead of drawing cut panels.
 */
export function minimumSize(headerLines: number): {columns: number; rows: number} {
	// The header, the panels, the status line and the last row, left free.
	return {columns: 60, rows: headerLines + mainMin + 2};
}

/**
 * The status line's rows: `wanted` (a long answer asks for two) where the panels keep their smallest
 * size below `headerLines` header rows, else one.
 */
export function statusRowsFitting(rows: number, headerLines: number, wanted: number): number {
	return rows - 1 - headerLines - wanted >= mainMin ? wanted : 1;
}

/** The log and the failures keep at least this many rows between them. */
const logAndFailuresMin = 4;

/**
 * Panel sizes for the terminal. Every panel spans the whole width, so ids, schedules and times are
 * never cut to fit a column (at 120 columns a jobs row with its schedule takes ~110). Jobs, live runs,
 * workers and services get the rows they need within a cap; every row left over goes to the log and
 * the failures, so a tall terminal shows more log rather than blank space. Where the rows do not
 * stretch that far (80×24), the jobs give up rows down to their minimum, then the services and the
 * workers take what is left above the log's minimum, the workers down to their one summary row. A long answer on the status line takes its second row
 * (`statusRows`) from the log. The last row is left free: Ink clears the
 * whole screen on every frame when its output reaches the terminal's height.
 */
export function computeLayout(columns: number, rows: number, headerLines: number, counts: PanelCounts, statusRows = 1): ConsoleLayout {
	const main = Math.max(mainMin, rows - 1 - headerLines - statusRows);
	const running = clamp(counts.live + 1, 2, Math.max(2, Math.floor(main / 4)));
	// Title and column headings, then a row per job.
	let jobs = clamp(counts.jobs + 2, 4, Math.max(4, Math.floor(main * 0.45)));
	// The services panel: its title, then a row per service.
	const servicesWanted = counts.services ? clamp(counts.services + 1, 2, Math.max(2, Math.floor(main / 5))) : 0;
	// The workers section: a summary title (Redis, queue depths), then a row per worker (or why there is none).
	const workersWanted = counts.workers === undefined ? 0 : clamp(counts.workers + 1, 2, Math.max(2, Math.floor(main / 6)));
	// Jobs give up rows beyond their minimum (their panel scrolls) before the services and workers shrink.
	const free = () => main - jobs - running - logAndFailuresMin;
	jobs -= clamp(servicesWanted + workersWanted - free(), 0, jobs - 4);
	const services = clamp(free() - Math.min(workersWanted, 1), 0, servicesWanted);
	const workers = clamp(free() - services, 0, workersWanted);
	const rest = main - running - jobs - services - workers;
	const failures = clamp(counts.failures + 1, 2, Math.max(2, Math.floor(rest * 0.4)));
	return {width: columns, main, jobs, running, workers, services, failures, log: Math.max(2, rest - failures)};
}

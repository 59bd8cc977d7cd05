export type ConsoleLayout = {
	twoColumns: boolean;
	leftWidth: number;
	rightWidth: number;
	jobs: number;
	running: number;
	log: number;
	failures: number;
	main: number;
};

const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(value, max));

/**
 * Panel sizes for the terminal: one column up to 119 columns, two from 120. The last row is left
 * free, so Ink updates lines in place instead of clearing the screen on every frame.
 */
export function computeLayout(columns: number, rows: number, headerLines: number, counts: {jobs: number; live: number; failures: number}): ConsoleLayout {
	const main = Math.max(8, rows - 1 - headerLines - 1);
	const running = clamp(counts.live + 1, 2, Math.max(2, Math.floor(main / 4)));
	const failures = clamp(counts.failures + 1, 2, Math.max(2, Math.floor(main / 5)));
	if (columns >= 120) {
		const leftWidth = Math.floor(columns * 0.56);
		return {
			twoColumns: true, leftWidth, rightWidth: columns - leftWidth - 1, main,
			running, jobs: main - running, failures, log: main - failures,
		};
	}

	const rest = main - running - failures;
	const jobs = clamp(counts.jobs + 2, 4, Math.max(4, Math.floor(rest * 0.6)));
	return {twoColumns: false, leftWidth: columns, rightWidth: columns, main, running, failures, jobs, log: Math.max(2, rest - jobs)};
}

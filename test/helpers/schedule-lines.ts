import {ConfigError, formatProblem} from '../../src/config/config-problem.js';
import {readJobsConfig} from '../../src/config/load-jobs-config.js';

/**
 * Reads one command job with the given schedule lines (they start on line 5 of jobs.yaml) as of `now`:
 * the reading itself, the problems it is refused with, and the warnings it loads with, as printed.
 */
export function scheduleLinesReader(now: number) {
	const read = (lines: string, timezone = 'Asia/Shanghai') => {
		const text = `timezone: ${timezone}\njobs:\n  - id: j\n    command: ["true"]\n${lines.replace(/^/gm, '    ')}\n`;
		return readJobsConfig(text, 'jobs.yaml', '/', {now});
	};

	const problems = (lines: string, timezone?: string): string[] => {
		try {
			read(lines, timezone);
			return [];
		} catch (error) {
			if (!(error instanceof ConfigError)) {
				throw error;
			}

			return error.problems.map(problem => formatProblem(problem));
		}
	};

	const warnings = (lines: string, timezone?: string) => read(lines, timezone).warnings.map(warning => formatProblem(warning));
	return {read, problems, warnings};
}

/** One thing wrong with a config file, with its position (1-based). */
export type ConfigProblem = {
	file: string;
	line: number;
	col: number;
	message: string;
};

export function formatProblem(problem: ConfigProblem): string {
	return `${problem.file}:${problem.line}:${problem.col}: ${problem.message}`;
}

/** A config file that cannot be loaded; carries every problem found, not only the first. */
export class ConfigError extends Error {
	override name = 'ConfigError';

	constructor(readonly problems: ConfigProblem[], options?: ErrorOptions) {
		super(problems.map(p => formatProblem(p)).join('\n'), options);
	}
}

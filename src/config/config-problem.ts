import type {HttpSettings, RedisSettings} from '../core/job-definition.js';

/** One thing wrong with a config file, with its position (1-based). */
export type ConfigProblem = {
	file: string;
	line: number;
	col: number;
	message: string;
};

/** Orders problems by where they are in the file (a stable sort keeps the order found at one place). */
export function byPosition(a: ConfigProblem, b: ConfigProblem): number {
	return a.line - b.line || a.col - b.col;
}

export function formatProblem(problem: ConfigProblem): string {
	return `${problem.file}:${problem.line}:${problem.col}: ${problem.message}`;
}

/** The `http:` and `redis:` settings of a file that did not load, each when it read without a problem. */
export type ConfigSettingsRead = {http?: HttpSettings; redis?: RedisSettings};

/**
 * A config file that cannot be loaded; carries every problem found, not only the first, the warnings
 * found beside them (`validate` shows both), and the files it names that are not there (a job's
 * `module` renamed away), which the config watcher waits for.
 */
export class ConfigError extends Error {
	override name = 'ConfigError';
	readonly warnings: ConfigProblem[];
	/** Absolute paths of the files named and not found. */
	readonly missingFiles: string[];

	/** `http:` and `redis:` as read when they had no problem of their own: validate checks their files beside the file's other problems. */
	readonly settings: ConfigSettingsRead;

	constructor(readonly problems: ConfigProblem[], options?: ErrorOptions & {warnings?: ConfigProblem[]; missingFiles?: string[]; settings?: ConfigSettingsRead}) {
		super(problems.map(p => formatProblem(p)).join('\n'), options);
		this.warnings = options?.warnings ?? [];
		this.missingFiles = options?.missingFiles ?? [];
		this.settings = options?.settings ?? {};
	}
}

import type {ConfigProblem} from './config-problem.js';

/** What YAML says of a value that starts with a bare `*` (an alias to an anchor that is not there). */
const aliasComplaint = /^(?:Unexpected alias at node end|Alias cannot be an empty string|unknown alias \*)/;

/** `key: value` on one line, the value starting with `*` (after `- ` of a list item, before a comment). */
const bareStarLine = /^(\s*(?:-\s+)?)([^\s:#'"][^:#]*?):[ \t]+(\*[^#]*?)\s*(?:#.*)?$/;

/**
 * A crontab habit, `cron: *\/5 * * * *` unquoted, is read by YAML as aliases and told as up to five
 * riddles ("Unexpected alias at node end", "unknown alias *\/5"): each such line is told once, at the
 * value, with the fix (`cron: "*\/5 * * * *"`). Other problems are left as they are.
 */
export function explainBareStars(text: string, problems: readonly ConfigProblem[]): ConfigProblem[] {
	const lines = text.split(/\r?\n/);
	const explained = new Map<number, ConfigProblem>();
	const result: ConfigProblem[] = [];
	for (const problem of problems) {
		const match = aliasComplaint.test(problem.message) ? bareStarLine.exec(lines[problem.line - 1] ?? '') : null;
		// `*base` is an alias meant as one (its anchor misspelt or missing): YAML's own words fit it.
		if (!match || /^\*[A-Za-z_][\w-]*$/.test(match[3]!)) {
			result.push(problem);
			continue;
		}

		if (!explained.has(problem.line)) {
			const [, indent, key, value] = match as unknown as [string, string, string, string];
			const col = match[0].indexOf(value, indent.length + key.length + 1) + 1;
			const fixed: ConfigProblem = {file: problem.file, line: problem.line, col, message: `${key}: ${value} needs quotes, ${key}: "${value}" (YAML reads a bare * as an alias)`};
			explained.set(problem.line, fixed);
			result.push(fixed);
		}
	}

	return result;
}

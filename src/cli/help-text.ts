import {packageDescription} from '../host/package-version.js';
import {help} from './usage.js';

/** `text` with the common indentation of its non-blank lines taken off, and `by` spaces put before each. */
function reindent(text: string, by: number): string {
	const lines = text.split('\n');
	const common = Math.min(...lines.filter(line => line.trim() !== '').map(line => /^[ \t]*/.exec(line)![0].length));
	return lines.map(line => (line.trim() === '' ? line : `${' '.repeat(by)}${line.slice(common)}`)).join('\n');
}

/** The whole `--help`: the package's description, then the usage text, indented two spaces. */
export function wholeHelp(): string {
	const usage = reindent(help.replace(/^\n+|\n+$/g, ''), 2);
	return `\n${' '.repeat(2)}${packageDescription()}\n\n${usage}\n`;
}

import {UsageError} from './commands/usage-error.js';
import {flagSpecs} from './usage.js';

const kebab = (name: string) => name.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);

/** The flags that take a value (`--job ID`, `--count N`), as typed. */
const valueFlags = new Set(Object.entries(flagSpecs).filter(([, spec]) => spec.type !== 'boolean').map(([name]) => `--${kebab(name)}`));

/**
 * A flag that takes a value given none (last on the line, or followed by another flag) is refused:
 * it would be read as "" or dropped, and the command would run as if it had been understood
 * (`history --job` listed no runs, `list --count` the default count, `run JOB --param` no params).
 */
export function rejectFlagsWithoutValue(command: string | undefined, argv: readonly string[]): void {
	for (const [index, argument] of argv.entries()) {
		if (argument === '--') {
			return;
		}

		const next = argv[index + 1];
		if (valueFlags.has(argument) && (next === undefined || next.startsWith('--'))) {
			throw new UsageError(`${argument} needs a value; see sage-console${command ? ` ${command}` : ''} --help`);
		}
	}
}

/** The flags that take a number (`--limit N`, `--count N`, `--year Y`, `--concurrency N`). */
const numberFlags = new Set(Object.entries(flagSpecs).filter(([, spec]) => spec.type === 'number').map(([name]) => `--${kebab(name)}`));

/**
 * A number flag's value is digits, as history lists runs and counts: read with Number(),
 * `history --limit 1e1` listed 10 runs, `--limit 0x2` two and `--limit ' 2'` two, where the same
 * text as a RUN_ID (run-id-argument.ts) or an API query integer is refused.
 */
export function rejectNumbersNotDigits(command: string | undefined, argv: readonly string[]): void {
	for (const [index, argument] of argv.entries()) {
		if (argument === '--') {
			return;
		}

		const equals = argument.indexOf('=');
		const flag = equals === -1 ? argument : argument.slice(0, equals);
		const value = equals === -1 ? argv[index + 1] : argument.slice(equals + 1);
		if (numberFlags.has(flag) && value !== undefined && !/^\d+$/.test(value)) {
			throw new UsageError(`${flag} takes a whole number, not ${JSON.stringify(value)}; see sage-console${command ? ` ${command}` : ''} --help`);
		}
	}
}

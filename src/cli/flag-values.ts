import {UsageError} from './commands/usage-error.js';
import {flagSpecs} from './usage.js';

const kebab = (name: string) => name.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);

/** The flags that take a value (`--job ID`, `--count N`), as typed. */
const valueFlags = new Set(Object.entries(flagSpecs).filter(([, spec]) => spec.type !== 'boolean').map(([name]) => `--${kebab(name)}`));

/**
 * A flag that takes a value given none (last on the line, or followed by another flag) is refused:
 * meow reads it as "" or drops it, and the command would run as if it had been understood
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

/** meow's own refusals of the command line (a flag given twice) as usage errors, not a stack trace. */
export function commandLineError(error: unknown): unknown {
	if (error instanceof Error && /^The flag --[\w-]+ can only be set once\.$/.test(error.message)) {
		return new UsageError(`${error.message.replace(/^The flag/, 'the flag').replace(/\.$/, '')}; see sage-console --help`);
	}

	return error;
}

/**
 * Characters that mean nothing to sh, bash, dash or zsh in an unquoted word. Python's shlex.quote set,
 * less `=`: a word like `LD_PRELOAD=/x.so` at the start of a command is an assignment, and zsh expands
 * `=cmd` to a path.
 */
const plainWord = /^[\w@%+:,./-]+$/;

/** `value` as one shell word that expands to exactly `value`: bare when safe, else in single quotes. */
export function shellQuote(value: string): string {
	if (plainWord.test(value)) {
		return value;
	}

	// Inside single quotes nothing is special; a single quote itself ends them, is escaped, and reopens.
	return `'${value.replaceAll('\'', String.raw`'\''`)}'`;
}

const shells = new Set(['sh', 'bash', 'dash', 'zsh', 'ash', 'ksh', 'mksh']);

/**
 * Which argument of an argv is a script a shell will parse: the first operand after an option cluster
 * with `c` (`sh -c SCRIPT`, `bash -euc SCRIPT`, `bash -o pipefail -c -- SCRIPT`), when argv[0] is a shell
 * (by its file name). -1 when there is none.
 */
export function shellScriptIndex(argv: readonly string[]): number {
	const program = argv[0]?.split('/').at(-1) ?? '';
	if (!shells.has(program)) {
		return -1;
	}

	let takesScript = false;
	for (let index = 1; index < argv.length; index++) {
		const argument = argv[index]!;
		if (argument === '--' || argument === '-') {
			return takesScript && index + 1 < argv.length ? index + 1 : -1;
		}

		if (argument.startsWith('--')) {
			continue; // --login, --norc, --posix
		}

		if (/^[-+][A-Za-z]+$/.test(argument)) {
			takesScript ||= argument.startsWith('-') && argument.includes('c');
			// `-o NAME` and bash's `-O NAME` take the next argument as their value.
			if (/[oO]/.test(argument)) {
				index++;
			}

			continue;
		}

		return takesScript ? index : -1;
	}

	return -1;
}

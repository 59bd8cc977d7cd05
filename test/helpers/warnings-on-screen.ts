import type {TmuxSession} from './tmux.js';

/** The console's ⚠ warnings on the screen, each with its rows joined back into one line. */
export function warningsOn(session: TmuxSession): string[] {
	const warnings: string[] = [];
	for (const row of session.rows()) {
		if (row.startsWith('⚠ ')) {
			warnings.push(row.slice(2));
		} else if (warnings.length > 0 && /^ {2}\S/.test(row) && !row.startsWith('  ID ')) {
			warnings[warnings.length - 1] += ` ${row.slice(2)}`;
		} else if (warnings.length > 0) {
			break;
		}
	}

	return warnings;
}

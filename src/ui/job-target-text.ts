/**
 * What a job carries out, as its job view's schedule line shows it: a module's path, or a command
 * (an argv list shown as a shell would read it). Read from the job's definition as `export-jobs`
 * gives it; undefined for a group or a heartbeat job, which run nothing of their own.
 */
export function jobTargetText(definition: Readonly<Record<string, unknown>> | undefined): string | undefined {
	const module = definition?.module;
	if (typeof module === 'string') {
		return module;
	}

	const command = definition?.command;
	if (typeof command === 'string') {
		return command;
	}

	if (Array.isArray(command)) {
		return command.map(part => argText(String(part))).join(' ');
	}

	return undefined;
}

/** An argument quoted when a shell would split it or read it otherwise. */
function argText(part: string): string {
	return part === '' || /[\s"'\\$`|&;<>()*?]/.test(part) ? `'${part.replaceAll('\'', String.raw`'\''`)}'` : part;
}

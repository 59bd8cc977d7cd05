import {scrubText, secretValues} from '../log/redact.js';
import type {RunSpec} from './executor.js';
import {expandPlaceholders} from './placeholders.js';
import {shellScriptIndex} from './shell-quote.js';

type CommandTarget = Extract<RunSpec['target'], {kind: 'command'}>;

/** What to start for a command run, and how the run log shows it. */
export type CommandLine = {
	/** The program and its arguments, placeholders expanded. */
	argv: string[];
	/** The same with secret values replaced by `[redacted]`, for the run log and errors. */
	shown: string[];
};

const shellPath = '/bin/sh';

/**
 * A command target as the argv to start. Exec-style argv (the default) passes each expanded element
 * as one argument, unquoted: nothing parses it. Text a shell parses (`shell: true`, and the script of
 * `sh -c SCRIPT`) gets every placeholder value as one single-quoted word, so a param such as
 * `x=$(touch /tmp/pwned)` is text, never code.
 */
export function commandLine(target: CommandTarget, spec: RunSpec): CommandLine {
	const secrets = secretValues(spec.params);
	const build = (redact: boolean) => {
		if (target.shell) {
			const script = target.argv.map(part => expandPlaceholders(part, spec, {quote: true, redact})).join(' ');
			return [shellPath, '-c', script];
		}

		const scriptIndex = shellScriptIndex(target.argv);
		return target.argv.map((part, index) => expandPlaceholders(part, spec, {quote: index === scriptIndex, redact}));
	};

	return {argv: build(false), shown: build(true).map(part => scrubText(part, secrets))};
}

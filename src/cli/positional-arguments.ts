import {UsageError} from './commands/usage-error.js';

/** How many arguments after its name each command takes (a job, run or service id, a file; `notify test`). */
const positionalCount: Partial<Record<string, number>> = {
	validate: 0, list: 0, history: 0, calendar: 0, plan: 0, status: 0, reload: 0, export: 0, worker: 0,
	show: 1, run: 1, pause: 1, resume: 1, cancel: 1, retry: 1, start: 1, stop: 1, restart: 1,
	logs: 1, notify: 1, import: 1, ping: 1,
};

/**
 * An argument a command does not take is refused, not dropped: `run good extra-arg` must not run
 * `good` as if the rest had been understood. Commands this does not know are left to the dispatch.
 */
export function rejectExtraArguments(command: string | undefined, rest: readonly string[]): void {
	const count = command === undefined ? undefined : positionalCount[command];
	if (count === undefined) {
		return;
	}

	const extra = rest.slice(count);
	if (extra.length > 0) {
		const shown = extra.map(argument => `"${argument}"`).join(', ');
		throw new UsageError(`${command}: unexpected argument${extra.length === 1 ? '' : 's'} ${shown}; see sage-console ${command} --help`);
	}
}

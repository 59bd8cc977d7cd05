import {runStatuses, type RunStatus} from '../../core/run-record.js';
import type {KeyContext} from './key-context.js';
import {say} from './key-context.js';
import {quit} from './main-keys.js';

export const commandHelp = 'job ID · runs [STATUS] [ID] · failures · help · q';

/** A job by its id, or by the start of one when only one job starts so. */
function findJob(context: KeyContext, text: string): string | undefined {
	return findAmong(context.allJobs.map(job => job.id), text);
}

/** A job or a service (their runs share history) by its id, or by the start of one when only one starts so. */
function findJobOrService(context: KeyContext, text: string): string | undefined {
	return findAmong([...context.allJobs, ...context.services].map(({id}) => id), text);
}

function findAmong(ids: readonly string[], text: string): string | undefined {
	if (ids.includes(text)) {
		return text;
	}

	const starting = ids.filter(id => id.startsWith(text));
	return starting.length === 1 ? starting[0] : undefined;
}

/** A `:` command, k9s style: `:job sync_daily_bars` (or `:sync_daily_bars`), `:runs failed`, `:runs failed sync_daily_bars` (or a service's id), `:q`. */
export function runCommand(context: KeyContext, line: string): void {
	const [verb = '', ...args] = line.split(/\s+/).filter(Boolean);
	switch (verb) {
		case '': {
			return;
		}

		case 'q':
		case 'quit': {
			quit(context);
			return;
		}

		case 'job':
		case 'j': {
			const jobId = args[0] === undefined ? undefined : findJob(context, args[0]);
			if (jobId) {
				context.actions.openJob(jobId);
			} else {
				say(context, args[0] ? `no job "${args[0]}"` : 'which job? :job ID', 'bad');
			}

			return;
		}

		case 'runs':
		case 'history': {
			const status = args.find(arg => (runStatuses as readonly string[]).includes(arg)) as RunStatus | undefined;
			const other = args.filter(arg => arg !== status);
			const jobId = other[0] === undefined ? undefined : findJobOrService(context, other[0]);
			if (other[0] !== undefined && !jobId) {
				say(context, `"${other[0]}" is neither a run status (${runStatuses.join(', ')}) nor a job${context.services.length > 0 ? ' or a service' : ''}`, 'bad');
				return;
			}

			context.actions.listRuns({status, jobId}, ['Runs', status, jobId].filter(Boolean).join(' · '));
			return;
		}

		case 'failures': {
			context.dispatch({type: 'close'});
			context.dispatch({type: 'focus', panel: 'failures'});
			return;
		}

		case 'help': {
			context.dispatch({type: 'open', overlay: {kind: 'help'}});
			return;
		}

		default: {
			// `:sync_daily_bars`, as the help's `job ID` reads: a job's id (or its start) alone opens it too.
			const jobId = args.length === 0 ? findJob(context, verb) : undefined;
			if (jobId) {
				context.actions.openJob(jobId);
			} else {
				say(context, `unknown command "${verb}": ${commandHelp}`, 'bad');
			}
		}
	}
}

import type {AppPaths} from '../../host/paths.js';
import {printable} from '../../log/printable-text.js';
import {runParamsText} from '../../log/run-params-text.js';
import {formatDuration} from '../../config/quantities.js';
import type {RunRecord} from '../../core/run-record.js';
import {withHistory, shortTime} from './history-command.js';
import {configuredTimeZone} from './configured-time-zone.js';
import {requireProjectRoot} from './project-root.js';
import {runIdArgument} from './run-id-argument.js';
import {runToJson} from './run-json.js';
import {serviceRunJson, serviceRunLines} from './service-run-lines.js';

/** `sage-console show RUN_ID`: one run in full, with its stack trace and log path. */
export function showCommand(paths: AppPaths, runIdText: string | undefined, flags: {json?: boolean}): number {
	const runId = runIdArgument(runIdText, 'show', 'sage-console show 42');

	requireProjectRoot(paths);
	const {run, pid} = withHistory<{run?: RunRecord; pid?: number}>(paths.dbFile, store => ({run: store.getRun(runId), pid: store.getRunProcess(runId)?.pid}), {});
	if (!run) {
		process.stderr.write(`sage-console: no run ${runId}\n`);
		return 1;
	}

	const zone = configuredTimeZone(paths);
	if (flags.json) {
		process.stdout.write(`${JSON.stringify({...runToJson(run, zone), ...serviceRunJson(run, pid)}, null, 2)}\n`);
		return 0;
	}

	const lines = [
		`run ${run.id}  ${run.jobId}  ${run.status.toUpperCase()}`,
		`trigger     ${run.trigger} (attempt ${run.attempt})`,
		`trade date  ${run.tradeDate ?? '—'}`,
		// Only a run asked for with params has them, a value equal to its job's default included (what its retry runs with).
		...(run.params ? [`params      ${runParamsText(run.params)}`] : []),
		`scheduled   ${shortTime(run.scheduledAt, zone)}`,
		`started     ${shortTime(run.startedAt, zone)}`,
		`finished    ${shortTime(run.finishedAt, zone)}`,
		`duration    ${run.durationMs === undefined ? '—' : formatDuration(run.durationMs)}${run.overMaxDuration ? `  ! past max_duration ${formatDuration(run.overMaxDuration.maxDurationMs)} at ${shortTime(run.overMaxDuration.at, zone)}` : ''}`,
		...(run.trigger === 'service' ? serviceRunLines(run, pid, zone) : [`progress    ${run.progress === undefined ? '—' : `${Math.round(run.progress * 100)}%`}${run.message ? `  ${run.message}` : ''}`]),
		// Only a run carried out by a `sage-console worker` has one: a local run's lines stay as they were.
		...(run.worker ? [`worker      ${run.worker}`] : []),
		`log         ${run.logPath ?? '—'}`,
	];
	if (run.result !== undefined) {
		lines.push(`result      ${JSON.stringify(run.result)}`);
	}

	if (run.error) {
		// A stack starts with "Type: message" itself: said once, not twice.
		const headline = `${run.error.type}: ${run.error.message}`;
		const stack = run.error.stack?.startsWith(headline) ? run.error.stack.slice(headline.length).replace(/^\n/, '') : run.error.stack;
		lines.push('', headline, ...(stack ? [stack] : []));
	}

	// The run's own text (message, error, stack, result) may carry escape sequences: shown, not obeyed.
	process.stdout.write(`${lines.join('\n').split('\n').map(line => printable(line)).join('\n')}\n`);
	return 0;
}

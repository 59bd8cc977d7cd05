import type {AppPaths} from '../../host/paths.js';
import {printable} from '../../log/printable-text.js';
import {runParamsText} from '../../log/run-params-text.js';
import {formatDuration} from '../../config/quantities.js';
import type {RunRecord} from '../../core/run-record.js';
import {formatZonedIso} from '../../time/zoned-time.js';
import {withHistory, shortTime} from './history-command.js';
import {configuredTimeZone} from './configured-time-zone.js';
import {requireProjectRoot} from './project-root.js';
import {runIdArgument} from './run-id-argument.js';
import {runToJson} from './run-json.js';
import {serviceRunJson, serviceRunLines} from './service-run-lines.js';
import {liveRunFacts, type LiveRunFacts} from './show-live-facts.js';
import {keptRetryJson, keptRetryLines, keptRetryNotRunAtStart} from './show-kept-retry.js';
import type {KeptRetry} from '../../scheduler/ports.js';
import type {ProcessIdentity} from '../../executors/executor.js';
import {leftRunning, leftRunningLine} from './left-running.js';

type ShownRun = {run?: RunRecord; identity?: ProcessIdentity; kept?: KeptRetry; later?: RunRecord[]};

/** What the live scheduler adds: why a queued run waits, and a failed run's next attempt. */
function liveLines({waitingFor, nextAttempt}: LiveRunFacts, runId: number, zone: string, now: number): string[] {
	if (waitingFor !== undefined) {
		return [`queued      ${waitingFor}`];
	}

	if (nextAttempt === undefined) {
		return [];
	}

	const {attempt, at} = nextAttempt;
	return at === undefined
		? [`retry       attempt ${attempt} is coming`]
		: [`retry       attempt ${attempt} at ${shortTime(at, zone)} (in ${formatDuration(Math.max(0, at - now))}), waiting for its backoff: sage-console cancel ${runId} drops it, retry ${runId} runs it now`];
}

function liveJson({waitingFor, nextAttempt}: LiveRunFacts, zone: string): Record<string, unknown> {
	return {
		...(waitingFor === undefined ? {} : {waiting_for: waitingFor}),
		...(nextAttempt === undefined ? {} : {next_attempt: {attempt: nextAttempt.attempt, at: nextAttempt.at === undefined ? null : formatZonedIso(nextAttempt.at, zone)}}),
	};
}

/**
 * `sage-console show RUN_ID`: one run in full, with its stack trace and log path; while a scheduler
 * runs, also why a queued run waits and when a failed run's next attempt is due; with none running,
 * the next attempt history keeps for the next start (show-kept-retry.ts).
 */
export async function showCommand(paths: AppPaths, runIdText: string | undefined, flags: {json?: boolean}): Promise<number> {
	const runId = runIdArgument(runIdText, 'show', 'sage-console show 42');

	requireProjectRoot(paths);
	const read = () => withHistory<ShownRun>(paths.dbFile, store => {
		const found = store.getRun(runId);
		const keptAfter = store.waitingRetries().find(retry => retry.runId === runId);
		// The runs that may have done the kept attempt's work meanwhile (a one-off run while no scheduler ran).
		return {run: found, identity: store.getRunProcess(runId), kept: keptAfter, later: found && keptAfter ? store.successesAfter(found) : []};
	}, {});
	let shown = read();
	if (!shown.run) {
		process.stderr.write(`sage-console: no run ${runId}\n`);
		return 1;
	}

	const zone = configuredTimeZone(paths);
	const live = await liveRunFacts(paths, shown.run);
	if (live.noScheduler && leftRunning(shown.run, shown.identity)) {
		// A one-off's command ends a moment before the one-off records its end: looked at again after it.
		await new Promise(resolve => {
			setTimeout(resolve, 300);
		});
		shown = read();
	}

	const {run, identity, kept, later = []} = shown;
	if (!run) {
		process.stderr.write(`sage-console: no run ${runId}\n`);
		return 1;
	}

	const pid = identity?.pid;
	const left = live.noScheduler === true && leftRunning(run, identity);
	// With no scheduler, a next attempt kept for the next start is history's to tell.
	const keptNow = live.noScheduler && kept ? kept : undefined;
	const now = Date.now();
	const notRun = keptNow && keptRetryNotRunAtStart(paths, keptNow, now, run, later);
	if (live.unheard !== undefined) {
		// Not a failure: history answered; only what the scheduler alone knows is missing.
		process.stderr.write(`sage-console: ${live.unheard}: run ${run.id} is shown from history alone, without why it waits or when its next attempt is due\n`);
	}

	if (flags.json) {
		process.stdout.write(`${JSON.stringify({...runToJson(run, zone), ...serviceRunJson(run, pid), ...(keptNow ? keptRetryJson(keptNow, zone, notRun) : liveJson(live, zone)), ...(left ? {left_running: true} : {})}, null, 2)}\n`);
		return 0;
	}

	const lines = [
		`run ${run.id}  ${run.jobId}  ${run.status.toUpperCase()}`,
		...(left ? [leftRunningLine] : []),
		...(keptNow ? keptRetryLines(keptNow, zone, now, notRun) : liveLines(live, run.id, zone, now)),
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

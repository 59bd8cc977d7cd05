import {printable} from '../../log/printable-text.js';
import type {AppPaths} from '../../host/paths.js';
import type {SchedulerSnapshot} from '../../protocol/snapshot.js';
import {formatZonedIso} from '../../time/zoned-time.js';
import {liveScheduler} from '../scheduler-session.js';
import {exitCodes} from '../exit-codes.js';
import {formatProblem} from '../../config/config-problem.js';
import {formatDuration} from '../../config/quantities.js';
import {servicesJson, servicesTable} from './service-commands.js';
import {statusFireLines} from './status-fires.js';
import {statusRetryLines} from './status-retries.js';
import {deadlineWarningLines, maxDurationWarningLines} from './status-deadlines.js';
import {heartbeatJson} from './status-heartbeat-json.js';
import {heartbeatWarningLines, statusHeartbeatLines} from './status-heartbeats.js';
import {textTable} from './text-table.js';
import {redisLine, remoteJson, remoteLines} from '../../remote/remote-status.js';

const iso = (ms: number | undefined, zone: string) => (ms === undefined ? undefined : formatZonedIso(ms, zone));

/** What `status --json` prints: the live scheduler at a glance, times as ISO in its zone. */
export function statusJson(snapshot: SchedulerSnapshot, now: number) {
	const zone = snapshot.scheduler.timezone;
	return {
		pid: snapshot.scheduler.pid,
		version: snapshot.scheduler.version,
		root: snapshot.scheduler.root,
		startedAt: iso(snapshot.scheduler.startedAt, zone),
		uptimeMs: now - snapshot.scheduler.startedAt,
		paused: snapshot.scheduler.paused,
		stopping: snapshot.scheduler.stopping,
		running: snapshot.live.filter(run => run.status === 'running').map(run => ({runId: run.runId, jobId: run.jobId, startedAt: iso(run.startedAt, zone), attempt: run.attempt, progress: run.progress, message: run.message, ...(run.worker ? {worker: run.worker} : {}), ...(run.overMaxDuration ? {overMaxDuration: {at: iso(run.overMaxDuration.at, zone), maxDurationMs: run.overMaxDuration.maxDurationMs}} : {})})),
		queued: snapshot.live.filter(run => run.status === 'queued').map(run => ({runId: run.runId, jobId: run.jobId, trigger: run.trigger, ...(run.waitingFor ? {waitingFor: run.waitingFor} : {})})),
		queuedTotal: snapshot.queuedTotal,
		today: snapshot.today,
		jobs: snapshot.jobs.map(job => ({id: job.id, paused: job.paused, enabled: job.enabled, ...(job.workers === undefined ? {} : {workers: job.workers}), nextFireAt: iso(job.nextFireAt, zone), ...(job.heldBySchedulerPause ? {heldBySchedulerPause: true} : {}), neverFires: job.neverFires ?? false, lastRun: job.lastRun && {id: job.lastRun.id, status: job.lastRun.status, finishedAt: iso(job.lastRun.finishedAt, zone)}, ...(job.retry ? {retry: {...job.retry, at: iso(job.retry.at, zone)}} : {}), ...(job.heartbeat ? {heartbeat: heartbeatJson(job.heartbeat, zone)} : {}), ...(job.overdue ? {overdue: job.overdue} : {})})),
		notices: snapshot.notices,
		...(snapshot.calendarWarning ? {calendarWarning: snapshot.calendarWarning} : {}),
		configProblems: snapshot.configProblems,
		configWarnings: snapshot.configWarnings,
		...(snapshot.services && snapshot.services.length > 0 ? {services: servicesJson(snapshot.services, now, zone)} : {}),
		...(snapshot.remote ? remoteJson(snapshot.remote, ms => iso(ms, zone)) : {}),
	};
}

/** `sage-console status [--json]`: the live scheduler's pid, uptime, pause, running runs and next fires. */
export async function statusCommand(paths: AppPaths, flags: {json?: boolean}): Promise<number> {
	const client = await liveScheduler(paths, 'status');
	try {
		const snapshot = await client.request('snapshot', {});
		const now = Date.now();
		if (flags.json) {
			process.stdout.write(`${JSON.stringify(statusJson(snapshot, now), null, 2)}\n`);
			return exitCodes.ok;
		}

		const {scheduler: info, today} = snapshot;
		const zone = info.timezone;
		const lines = [
			`scheduler pid ${info.pid} (sage-console ${info.version}), up ${formatDuration(now - info.startedAt)}${info.paused ? ', PAUSED (resume --all)' : ''}${info.stopping ? ', stopping' : ''}`,
			`root ${info.root}`,
			// As the console header counts them: one run is a run, cancelled ones named when there are any.
			`today ${today.runs} run${today.runs === 1 ? '' : 's'}, ${today.succeeded} ok, ${today.failed} failed${today.cancelled ? `, ${today.cancelled} cancelled` : ''}`,
			...warningLines(snapshot),
			'',
		];
		// A queued run's MESSAGE is why it waits.
		const running = snapshot.live.map(run => [String(run.runId), run.jobId, run.status, run.progress === undefined ? '' : `${Math.round(run.progress * 100)}%`, printable(run.message ?? run.waitingFor ?? ''), run.worker ?? '']);
		lines.push(running.length > 0 ? textTable(['RUN', 'JOB', 'STATE', 'PROGRESS', 'MESSAGE', 'WORKER'], running) : 'nothing running', '');
		const retries = statusRetryLines(snapshot, now);
		if (retries.length > 0) {
			lines.push(...retries, '');
		}

		lines.push(...statusFireLines(snapshot));
		const heartbeats = statusHeartbeatLines(snapshot, now);
		if (heartbeats.length > 0) {
			lines.push('', ...heartbeats);
		}

		if (snapshot.services && snapshot.services.length > 0) {
			lines.push('', servicesTable(snapshot.services, now, zone));
		}

		if (snapshot.remote) {
			const workers = remoteLines(snapshot.remote, now);
			lines.push('', redisLine(snapshot.remote), ...(workers.length > 0 ? [textTable(['WORKER', 'QUEUES', 'STATE', 'RUNNING', 'LAST SEEN'], workers)] : []));
		}

		process.stdout.write(`${lines.join('\n')}\n`);
		return exitCodes.ok;
	} finally {
		client.close();
	}
}

/**
 * What needs the operator, in the console header's order (ui/warnings.ts): a config edit the scheduler
 * refused (its problems grouped under one line here, where no line budget applies), config warnings,
 * notices, the calendar; then a job past a deadline it has not made up (status-deadlines.ts) and a
 * heartbeat job late or down (status-heartbeats.ts).
 */
function warningLines(snapshot: SchedulerSnapshot): string[] {
	const {configProblems: problems} = snapshot;
	return [
		...(problems.length > 0 ? [`! config not applied, ${problems.length} problem${problems.length === 1 ? '' : 's'}; the jobs loaded before keep running:`, ...problems.map(problem => `    ${printable(formatProblem(problem))}`)] : []),
		...snapshot.configWarnings.map(problem => `! config: ${printable(formatProblem(problem))}`),
		...snapshot.notices.map(notice => `! ${printable(notice)}`),
		...(snapshot.calendarWarning ? [`! ${snapshot.calendarWarning}`] : []),
		...deadlineWarningLines(snapshot),
		...maxDurationWarningLines(snapshot),
		...heartbeatWarningLines(snapshot),
	];
}

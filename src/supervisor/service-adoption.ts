/**
 * A scheduler killed with -9 leaves its services running (they are started without a parent-death
 * signal, writing to their own files) and their runs `running` in history, with pid, process group and
 * start ticks. The next scheduler, before it starts anything, looks at each: the very same process
 * still running (pid and start ticks, so never a reused pid) is adopted and supervised by polling, or
 * stopped with its whole tree when its service is gone or disabled; a process that is gone has its run
 * recorded `interrupted` and what its group left behind is ended. Never two copies. Each run's
 * processes carry its mark (executors/run-mark.ts): an adopted process is stopped later with what left
 * its group with `setsid`, and a gone one's such leftovers are ended now (started after it, so never a
 * process that merely has its pid).
 */
import {readFileSync} from 'node:fs';
import type {ProcessIdentity} from '../executors/executor.js';
import {isStillRunning, readAllProcStats, readProcStat} from '../executors/proc-stat.js';
import {describeTree, stopMarkedProcesses, stopProcessTree, type TreeReport} from '../executors/process-tree.js';
import {serviceRunMark, type EnvironmentMark} from '../executors/run-mark.js';
import type {AbandonedRun} from '../scheduler/ports.js';
import type {OutputFiles} from './service-logs.js';
import {ServiceProcess} from './service-process.js';
import type {ServiceRuns} from './service-runs.js';
import type {SupervisedService} from './supervised-service.js';
import {stampOfProcess, targetStamp} from './target-stamp.js';

export type AdoptionDeps = {
	service(id: string): SupervisedService | undefined;
	runs: ServiceRuns;
	files(id: string): OutputFiles;
	now(): number;
	self: string;
	root: string;
	/** The history database's absolute path, part of each run's mark. */
	database: string;
};

/** Settles once every run is adopted, stopped or closed, and unrecorded leftovers are ended; one line per process saying which. */
export async function adoptServiceRuns(runs: readonly AbandonedRun[], deps: AdoptionDeps): Promise<string[]> {
	const outcomes = await Promise.all(runs.map(async run => adoptOne(run, deps)));
	const recorded = new Set(runs.map(run => run.process?.pid));
	const adopted = outcomes.flatMap(outcome => outcome.adopted ? [outcome.adopted] : []);
	return [...outcomes.map(outcome => outcome.line), ...await endUnrecorded(recorded, adopted, deps)];
}

/** The mark a service run's processes carry: its stdout file as its row recorded it (the service's own, for a row without it). */
function markOf(run: AbandonedRun, deps: AdoptionDeps): EnvironmentMark {
	return serviceRunMark(run.id, run.logPath ?? deps.files(run.jobId).out, deps.database);
}

/** A process started as a service of this root, from its environment (our own user's processes only): its service, and its run's mark. */
function serviceOf(pid: number, root: string): {serviceId: string; environment: string[]} | undefined {
	try {
		const environment = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
		const serviceId = environment.includes(`SAGE_SERVICE_ROOT=${root}`) ? environment.find(entry => entry.startsWith('SAGE_SERVICE_ID='))?.slice('SAGE_SERVICE_ID='.length) : undefined;
		return serviceId === undefined ? undefined : {serviceId, environment};
	} catch {
		return undefined;
	}
}

/** The run mark in `environment` (a process started before services carried one has none). */
function markIn(environment: readonly string[]): EnvironmentMark | undefined {
	const mark = ['SAGE_RUN_ID=', 'SAGE_RUN_LOG=', 'SAGE_RUN_DB='].map(name => environment.find(entry => entry.startsWith(name)));
	return mark.every(entry => entry !== undefined) ? mark : undefined;
}

function carries(environment: readonly string[], mark: EnvironmentMark): boolean {
	return mark.every(entry => environment.includes(entry));
}

/**
 * A service started by a scheduler killed before its run's row (with the pid) reached the database —
 * a kill -9 right after the spawn, or while another process held the database locked — is known by
 * nobody: found by the environment every service gets (a session leader carrying this root), and
 * stopped with what carries its mark, so the start that follows is the only copy. A session leader
 * that carries an adopted run's mark is part of that service (a child it started with `setsid`) and
 * is left to it; one whose mark names another database is another scheduler's, on the same root.
 */
async function endUnrecorded(recorded: ReadonlySet<number | undefined>, adopted: readonly EnvironmentMark[], deps: AdoptionDeps): Promise<string[]> {
	const leaders = (await readAllProcStats()).filter(stat => stat.pid === stat.sid && stat.pid !== process.pid && !recorded.has(stat.pid) && stat.state !== 'Z');
	const found = leaders.flatMap(stat => {
		const service = serviceOf(stat.pid, deps.root);
		const mark = service && markIn(service.environment);
		const ours = !mark || mark.includes(`SAGE_RUN_DB=${deps.database}`);
		return service && ours && !adopted.some(adoptedMark => carries(service.environment, adoptedMark)) ? [{stat, serviceId: service.serviceId, mark}] : [];
	});
	return Promise.all(found.map(async ({stat, serviceId, mark}) => {
		const service = deps.service(serviceId);
		await stopProcessTree({pid: stat.pid, pgid: stat.pgid, startTicks: stat.startTicks, mark}, service?.def.stopTimeoutMs ?? 10_000, undefined, service?.def.stopSignal);
		return `${serviceId}: stopped pid ${stat.pid}, left running with no run recorded for it`;
	}));
}

/**
 * What a gone process's run left: its group and descendants (the recorded process's tree, while its
 * pid is not another process's) and what carries its mark.
 */
async function endLeftBehind(identity: ProcessIdentity & {startTicks: number}, mark: EnvironmentMark, service: SupervisedService | undefined): Promise<TreeReport> {
	const timeoutMs = service?.def.stopTimeoutMs ?? 2000;
	const signal = service?.def.stopSignal;
	const now = readProcStat(identity.pid);
	if (now && now.startTicks !== identity.startTicks) {
		// The pid is another process's now (and so is any group of that number): only the mark tells the run's processes.
		return stopMarkedProcesses(mark, identity.startTicks, timeoutMs, signal);
	}

	return stopProcessTree({pid: identity.pid, pgid: identity.pgid ?? identity.pid, startTicks: identity.startTicks, mark}, timeoutMs, undefined, signal);
}

function endedText(report: TreeReport): string {
	if (report.groupSize + report.outside === 0) {
		return '';
	}

	return report.groupSize === 0 ? `; ended ${report.outside} ${report.outside === 1 ? 'process' : 'processes'} it left outside its group` : `; ended what it left, ${describeTree(report)}`;
}

/** What became of one run: a line saying so, and the mark of an adopted one (its processes are the service's). */
type AdoptOutcome = {line: string; adopted?: EnvironmentMark};

async function adoptOne(run: AbandonedRun, deps: AdoptionDeps): Promise<AdoptOutcome> {
	const identity = run.process;
	const service = deps.service(run.jobId);
	const mark = markOf(run, deps);
	const alive = identity?.startTicks !== undefined && isStillRunning(identity.pid, identity.startTicks);
	if (!identity || identity.startTicks === undefined || !alive) {
		// Gone: whatever of its group outlived it, and what left the group carrying its mark, is ended too, so the next start is the only copy.
		const ended = identity?.startTicks === undefined ? '' : endedText(await endLeftBehind({...identity, startTicks: identity.startTicks}, mark, service));
		const why = identity ? `its process (pid ${identity.pid}) was gone when ${deps.self} started; exit status unknown` : 'it had not started a process';
		deps.runs.end(run, 'interrupted', deps.now(), {error: {type: 'Interrupted', message: `the scheduler stopped while this service ran; ${why}`}});
		return {line: `${run.jobId} run ${run.id}: ${why}${ended}`};
	}

	const leader = {pid: identity.pid, pgid: identity.pgid ?? identity.pid, startTicks: identity.startTicks, mark};
	if (!service || !service.def.enabled) {
		const report = await stopProcessTree(leader, service?.def.stopTimeoutMs ?? 10_000, undefined, service?.def.stopSignal);
		const why = service ? 'it is disabled in jobs.yaml' : 'it is no longer in jobs.yaml';
		deps.runs.end(run, 'cancelled', deps.now(), {error: {type: 'ServiceRemoved', message: `stopped by ${deps.self} after a restart: ${why}`}, result: {uptimeMs: deps.now() - (run.startedAt ?? deps.now()), stop: 'removed', ...(report.killed > 0 ? {killed: report.killed} : {})}});
		return {line: `${run.jobId} run ${run.id}: stopped pid ${identity.pid} (${why})`};
	}

	// Adopted as it is; if its window has closed meanwhile, the first reconcile stops it like any other.
	service.adopt(run, ServiceProcess.adopt(leader, deps.files(run.jobId)), deps.self);
	const stamp = stampOfProcess(identity.pid);
	if (stamp !== undefined && stamp !== targetStamp(service.def.target)) {
		// jobs.yaml changed what it runs while no scheduler watched: restarted with the new one, as a reload would.
		service.restartForConfig();
		return {line: `${run.jobId} run ${run.id}: adopted pid ${identity.pid}; its command, module, cwd or env changed in jobs.yaml since it started: restarting it`, adopted: mark};
	}

	return {line: `${run.jobId} run ${run.id}: adopted pid ${identity.pid}`, adopted: mark};
}

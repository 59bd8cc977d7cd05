/**
 * A scheduler killed with -9 leaves its services running (they are started without a parent-death
 * signal, writing to their own files) and their runs `running` in history, with pid, process group and
 * start ticks. The next scheduler, before it starts anything, looks at each: the very same process
 * still running (pid and start ticks, so never a reused pid) is adopted and supervised by polling, or
 * stopped with its whole tree when its service is gone or disabled; a process that is gone has its run
 * recorded `interrupted` and what its group left behind is ended. Never two copies.
 */
import {readFileSync} from 'node:fs';
import {isStillRunning, readAllProcStats} from '../executors/proc-stat.js';
import {stopProcessTree} from '../executors/process-tree.js';
import type {AbandonedRun} from '../scheduler/ports.js';
import type {OutputFiles} from './service-logs.js';
import {ServiceProcess} from './service-process.js';
import type {ServiceRuns} from './service-runs.js';
import type {SupervisedService} from './supervised-service.js';

export type AdoptionDeps = {
	service(id: string): SupervisedService | undefined;
	runs: ServiceRuns;
	files(id: string): OutputFiles;
	now(): number;
	self: string;
	root: string;
};

/** Settles once every run is adopted, stopped or closed, and unrecorded leftovers are ended; one line per process saying which. */
export async function adoptServiceRuns(runs: readonly AbandonedRun[], deps: AdoptionDeps): Promise<string[]> {
	const lines = await Promise.all(runs.map(async run => adoptOne(run, deps)));
	const recorded = new Set(runs.map(run => run.process?.pid));
	return [...lines, ...await endUnrecorded(recorded, deps)];
}

/** SAGE_SERVICE_ID of a process started as a service of this root, from its environment (our own user's processes only). */
function serviceOf(pid: number, root: string): string | undefined {
	try {
		const environment = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
		return environment.includes(`SAGE_SERVICE_ROOT=${root}`) ? environment.find(entry => entry.startsWith('SAGE_SERVICE_ID='))?.slice('SAGE_SERVICE_ID='.length) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * A service started by a scheduler killed before its run's row (with the pid) reached the database —
 * a kill -9 right after the spawn, or while another process held the database locked — is known by
 * nobody: found by the environment every service gets (a session leader carrying this root), and
 * stopped, so the start that follows is the only copy.
 */
async function endUnrecorded(recorded: ReadonlySet<number | undefined>, deps: AdoptionDeps): Promise<string[]> {
	const leaders = (await readAllProcStats()).filter(stat => stat.pid === stat.sid && stat.pid !== process.pid && !recorded.has(stat.pid) && stat.state !== 'Z');
	const found = leaders.map(stat => ({stat, serviceId: serviceOf(stat.pid, deps.root)})).filter(entry => entry.serviceId !== undefined);
	return Promise.all(found.map(async ({stat, serviceId}) => {
		const service = deps.service(serviceId!);
		await stopProcessTree({pid: stat.pid, pgid: stat.pgid, startTicks: stat.startTicks}, service?.def.stopTimeoutMs ?? 10_000, undefined, service?.def.stopSignal);
		return `${serviceId}: stopped pid ${stat.pid}, left running with no run recorded for it`;
	}));
}

async function adoptOne(run: AbandonedRun, deps: AdoptionDeps): Promise<string> {
	const identity = run.process;
	const service = deps.service(run.jobId);
	const alive = identity?.startTicks !== undefined && isStillRunning(identity.pid, identity.startTicks);
	if (!identity || identity.startTicks === undefined || !alive) {
		// Gone: whatever of its group outlived it is ended too, so the next start is the only copy.
		if (identity?.startTicks !== undefined) {
			await stopProcessTree({pid: identity.pid, pgid: identity.pgid ?? identity.pid, startTicks: identity.startTicks}, service?.def.stopTimeoutMs ?? 2000, undefined, service?.def.stopSignal);
		}

		const why = identity ? `its process (pid ${identity.pid}) was gone when ${deps.self} started; exit status unknown` : 'it had not started a process';
		deps.runs.end(run, 'interrupted', deps.now(), {error: {type: 'Interrupted', message: `the scheduler stopped while this service ran; ${why}`}});
		return `${run.jobId} run ${run.id}: ${why}`;
	}

	const leader = {pid: identity.pid, pgid: identity.pgid ?? identity.pid, startTicks: identity.startTicks};
	if (!service || !service.def.enabled) {
		const report = await stopProcessTree(leader, service?.def.stopTimeoutMs ?? 10_000, undefined, service?.def.stopSignal);
		const why = service ? 'it is disabled in jobs.yaml' : 'it is no longer in jobs.yaml';
		deps.runs.end(run, 'cancelled', deps.now(), {error: {type: 'ServiceRemoved', message: `stopped by ${deps.self} after a restart: ${why}`}, result: {uptimeMs: deps.now() - (run.startedAt ?? deps.now()), stop: 'removed', ...(report.killed > 0 ? {killed: report.killed} : {})}});
		return `${run.jobId} run ${run.id}: stopped pid ${identity.pid} (${why})`;
	}

	// Adopted as it is; if its window has closed meanwhile, the first reconcile stops it like any other.
	service.adopt(run, ServiceProcess.adopt(leader, deps.files(run.jobId)), deps.self);
	return `${run.jobId} run ${run.id}: adopted pid ${identity.pid}`;
}

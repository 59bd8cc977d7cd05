/**
 * What the runs of a worker of this host that died (kill -9, the OOM killer) left running here, ended
 * by the next worker started on the same checkout. A command run's own process dies with its worker
 * (setpriv --pdeathsig), but what that started in turn lives on, beside the run's next attempt on
 * another worker. Every process of a run carries its mark (SAGE_RUN_ID and SAGE_RUN_LOG, its log
 * file `logs/worker/<queue job id>.log`, run-mark.ts); a run's file there whose claim in Redis names
 * a worker of this host whose process is gone is the run of a dead worker. Only processes with that
 * exact mark are stopped (SIGTERM, then SIGKILL after the grace): a live worker's runs, and the next
 * attempt (another queue job id, so another file), are never touched. The dead run's file goes then
 * too: kept, such files piled up in logs/worker, one per run a worker died in.
 */
import {readdirSync, rmSync} from 'node:fs';
import path from 'node:path';
import type {Redis} from 'ioredis';
import {stopMarkedProcesses} from '../executors/process-tree.js';
import {commandRunMark} from '../executors/run-mark.js';
import {runKeys} from './remote-keys.js';

export type DeadWorkerLeftover = {runId: number; queueJob: string; worker: string; ended: number};

/** The worker named in a claim (`host:pid|token|entry`, or `host:pid.2|…`), as host and pid. */
function takerOf(claim: string): {name: string; host: string; pid: number} | undefined {
	const name = claim.split('|')[0] ?? '';
	const match = /^(.+):(\d+)(?:\.\d+)?$/.exec(name);
	return match ? {name, host: match[1]!, pid: Number(match[2])} : undefined;
}

/** Ends what runs of dead workers of `host` left running; one entry per run some process of which was ended. */
export async function endDeadWorkersLeftovers(client: Redis, dir: string, host: string, isAlive: (pid: number) => boolean, graceMs = 2000): Promise<DeadWorkerLeftover[]> {
	let names: string[];
	try {
		names = readdirSync(dir).filter(name => name.endsWith('.log') && !name.startsWith('.') && name !== 'sage-console.log');
	} catch {
		return [];
	}

	const ended: DeadWorkerLeftover[] = [];
	for (const name of names) {
		const queueJob = name.slice(0, -'.log'.length);
		const runId = Number(/\.r(\d+)$/.exec(queueJob)?.[1]);
		if (!Number.isInteger(runId) || runId <= 0) {
			continue;
		}

		const claim = await client.get(runKeys(queueJob).claim);
		const taker = claim === null ? undefined : takerOf(claim);
		if (!taker || taker.host !== host || taker.pid === process.pid || isAlive(taker.pid)) {
			continue;
		}

		const file = path.join(dir, name);
		const report = await stopMarkedProcesses(commandRunMark(runId, file), 0, graceMs);
		// Nothing writes it now, and nothing reads it: the lines the run sent are in its log at the scheduler.
		rmSync(file, {force: true});
		if (report.outside > 0) {
			ended.push({runId, queueJob, worker: taker.name, ended: report.outside});
		}
	}

	return ended;
}

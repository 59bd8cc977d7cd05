/**
 * A service whose process starts children that leave its session with `setsid` and lose their parent
 * (a shell's `(setsid worker &)`, a daemon that double-forks): they carry the service run's mark in
 * their environment, so a stop or a restart of the service ends them, and after a scheduler killed with
 * -9 they go with their service: kept with an adopted process, ended with a gone one. Never a process
 * without the run's mark (another database's run of the same id on the same root).
 */
import {spawn} from 'node:child_process';
import {readFileSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it, onTestFinished} from 'vitest';
import {isStillRunning, readProcStat} from '../../src/executors/proc-stat.js';
import type {ResultOf} from '../../src/protocol/messages.js';
import {readRuns} from '../helpers/history-file.js';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {trackServiceHosts, type ServiceHost} from '../supervisor/service-host.js';

const startHost = trackServiceHosts();
const processes = trackHeadlessProcesses();

/** A process as it was seen: pid and start time name it for good. */
type Seen = {pid: number; startTicks: number};

/** Sleeps of lengths no other process has (this test's pid and time in them), so they are found by their command line. */
function sleepArgs(): (index: number) => string {
	const base = `7${String(process.pid % 10_000).padStart(4, '0')}${String(Date.now() % 100_000).padStart(5, '0')}`;
	return index => `${base}${index}`;
}

/** The live processes whose command line is exactly `sleep SECONDS`. */
function sleeping(seconds: string): Seen[] {
	const found: Seen[] = [];
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) {
			continue;
		}

		try {
			if (readFileSync(`/proc/${name}/cmdline`, 'utf8') === `sleep\0${seconds}\0`) {
				const stat = readProcStat(Number(name));
				if (stat && stat.state !== 'Z') {
					found.push({pid: stat.pid, startTicks: stat.startTicks});
				}
			}
		} catch {
			// Gone meanwhile.
		}
	}

	return found;
}

const killAtEnd = new Set<string>();
afterEach(() => {
	// Services outlive a scheduler killed with -9 by design, and a failed test may leave what it checks for.
	for (const seconds of killAtEnd) {
		for (const {pid} of sleeping(seconds)) {
			process.kill(pid, 'SIGKILL');
		}
	}

	killAtEnd.clear();
});

/** Waits until exactly one `sleep SECONDS` runs, and returns it. */
async function one(seconds: string, what: string): Promise<Seen> {
	killAtEnd.add(seconds);
	const [found] = await waitFor(() => {
		const all = sleeping(seconds);
		return all.length === 1 ? all : undefined;
	}, 20_000, what);
	return found!;
}

function running(seen: Seen): boolean {
	return isStillRunning(seen.pid, seen.startTicks);
}

/** A process of ours that nothing may end, with `env` added to its environment. */
function bystander(env: Record<string, string>): Seen {
	const child = spawn('sleep', ['300'], {detached: true, stdio: 'ignore', env: {...process.env, ...env}});
	onTestFinished(() => {
		child.kill('SIGKILL');
	});
	return {pid: child.pid!, startTicks: readProcStat(child.pid!)!.startTicks};
}

async function call<M extends 'stop-service' | 'restart-service'>(t: ServiceHost, method: M, serviceId: string): Promise<ResultOf<M>> {
	return t.host.handler(method, {serviceId}) as Promise<ResultOf<M>>;
}

describe('a service child that left with setsid and lost its parent', () => {
	it('is ended by a restart and by a stop of its service; a process with the same run id of another database is not', async () => {
		const seconds = sleepArgs();
		const root = makeTempRoot({});
		const t = await startHost(`services:
  - id: feed
    command: ["sh", "-c", "(setsid sleep ${seconds(1)} &); exec sleep ${seconds(2)}"]
    stop_timeout: 2s
`, {at: '2026-11-20T10:00:00+08:00', root});
		const up = await t.state('feed', 'up');
		const escaped = await one(seconds(1), 'the child that left with setsid');
		// In a session of its own, its parent gone: neither group nor parent links lead to it.
		expect(readProcStat(escaped.pid)).toMatchObject({sid: escaped.pid});
		expect(readProcStat(escaped.pid)!.ppid).not.toBe(up.pid);
		const [firstRun] = await t.runs('feed');
		const environment = readFileSync(`/proc/${escaped.pid}/environ`, 'utf8').split('\0');
		const database = path.join(root.dir, 'data/sage.db');
		expect(environment).toEqual(expect.arrayContaining([`SAGE_RUN_ID=${firstRun!.id}`, `SAGE_RUN_LOG=${path.join(root.dir, 'logs/services/feed.log')}`, `SAGE_RUN_DB=${database}`]));
		// Another scheduler's run of the same id, on the same root with a database of its own (--db).
		const otherDatabase = bystander({SAGE_RUN_ID: String(firstRun!.id), SAGE_RUN_LOG: path.join(root.dir, 'logs/services/feed.log'), SAGE_RUN_DB: path.join(root.dir, 'data/other.db')});

		expect(await call(t, 'restart-service', 'feed')).toMatchObject({ok: true});
		await waitFor(() => t.view('feed').state === 'up' && t.view('feed').pid !== up.pid, 20_000, 'the restart');
		expect(running(escaped)).toBe(false);
		const next = await one(seconds(1), 'the new run\'s child that left with setsid');

		expect(await call(t, 'stop-service', 'feed')).toMatchObject({ok: true});
		await t.state('feed', 'stopped');
		expect(running(next)).toBe(false);
		expect(sleeping(seconds(1))).toEqual([]);
		expect(sleeping(seconds(2))).toEqual([]);
		expect(running(otherDatabase)).toBe(true);
	});

	it('after a kill -9 of the scheduler: stays with its adopted service until the service is stopped, and is ended with a service whose process is gone', async () => {
		const seconds = sleepArgs();
		// `kept` forks one child that calls setsid itself; `lost` also starts one through a shell that exits at once, so it leads no session.
		const root = processes.makeRoot({
			'config/jobs.yaml': `services:
  - id: kept
    command: ["sh", "-c", "(setsid sleep ${seconds(1)} &); exec sleep ${seconds(2)}"]
    stop_timeout: 2s
  - id: lost
    command: ["sh", "-c", "(setsid sleep ${seconds(3)} &); setsid sh -c 'sleep ${seconds(4)} &'; exec sleep ${seconds(5)}"]
    stop_timeout: 2s
`,
		});
		const first = processes.start(root.dir);
		await schedulerStarted(first);
		const kept = await one(seconds(1), 'kept\'s child that left with setsid');
		const keptLeader = await one(seconds(2), 'kept\'s process');
		const lostInSession = await one(seconds(3), 'lost\'s child that left with setsid');
		const lostNoLeader = await one(seconds(4), 'lost\'s child in a session whose leader is gone');
		const lostLeader = await one(seconds(5), 'lost\'s process');
		expect(readProcStat(lostNoLeader.pid)!.sid).not.toBe(lostNoLeader.pid);
		const lostRun = await waitFor(() => readRuns(root.dir).find(row => row.job_id === 'lost' && row.status === 'running' && row.pid === lostLeader.pid), 20_000, 'lost\'s run with its pid');
		const otherDatabase = bystander({SAGE_RUN_ID: String(lostRun.id), SAGE_RUN_LOG: lostRun.log_path!, SAGE_RUN_DB: path.join(root.dir, 'data/other.db')});

		first.child.kill('SIGKILL');
		await first.exited;
		process.kill(lostLeader.pid, 'SIGKILL');
		await waitFor(() => !running(lostLeader), 10_000, 'lost\'s process to die');

		const second = processes.start(root.dir);
		await schedulerStarted(second);
		const output = second.output().stdout;
		expect(output).toContain(`adopted pid ${keptLeader.pid}`);
		expect(output).toMatch(new RegExp(`lost run ${lostRun.id}: its process \\(pid ${lostLeader.pid}\\) was gone when scheduler pid \\d+ started; exit status unknown; ended 2 processes it left outside its group`));
		// The gone process's children are ended before anything starts; the adopted one's are its service's.
		expect(running(lostInSession)).toBe(false);
		expect(running(lostNoLeader)).toBe(false);
		expect(running(kept)).toBe(true);
		expect(running(keptLeader)).toBe(true);
		expect(output).not.toContain('left running with no run recorded for it');

		const stopped = runCli(['stop', 'kept', '--root', root.dir]);
		expect(stopped.code).toBe(0);
		await waitFor(() => !running(keptLeader) && !running(kept), 20_000, 'the stop of the adopted service, its setsid child included');
		expect(running(otherDatabase)).toBe(true);
	}, 120_000);
});

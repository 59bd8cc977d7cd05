/**
 * What a run left after its scheduler was killed with -9, found by the mark in its processes'
 * environment (SAGE_RUN_ID and SAGE_RUN_LOG, as a command run's processes carry it): a grandchild that
 * left with setsid and whose parent died is ended with the rest; a process without that very mark, or
 * older than the run, never is, even when the run's recorded pid now names another process.
 */
import {spawn} from 'node:child_process';
import path from 'node:path';
import {createInterface} from 'node:readline';
import {setTimeout as sleep} from 'node:timers/promises';
import {describe, expect, it, onTestFinished} from 'vitest';
import {endLeftoverProcesses} from '../../src/executors/leftover-processes.js';
import {isStillRunning, readProcStat} from '../../src/executors/proc-stat.js';
import {commandRunMark, markVariables, type EnvironmentMark} from '../../src/executors/run-mark.js';
import {scratchDir} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';

type Started = {pid: number; startTicks: number};

const running = (processes: readonly Started[]) => processes.filter(({pid, startTicks}) => isStillRunning(pid, startTicks)).map(({pid}) => pid);

function killAfterTest(started: Started): void {
	onTestFinished(() => {
		if (isStillRunning(started.pid, started.startTicks)) {
			process.kill(started.pid, 'SIGKILL');
		}
	});
}

/**
 * A run's tree as a kill -9 of its scheduler leaves it: the leader (killed), a child in its group,
 * and a grandchild that left with setsid through a subshell that exited at once, so nothing links it
 * to the run but its environment.
 */
async function orphanedTree(mark: EnvironmentMark): Promise<{leader: Started; left: Started[]}> {
	const script = 'sleep 300 & echo $!; (setsid sh -c \'echo $$; exec sleep 301\' &); wait';
	const leader = spawn('sh', ['-c', script], {detached: true, stdio: ['ignore', 'pipe', 'ignore'], env: {...process.env, ...markVariables(mark)}});
	const pids: number[] = [];
	for await (const line of createInterface({input: leader.stdout})) {
		pids.push(Number(line));
		if (pids.length === 2) {
			break;
		}
	}

	await waitFor(() => readProcStat(pids[1]!)?.sid === pids[1]);
	const ticks = (pid: number) => readProcStat(pid)!.startTicks;
	const tree = {leader: {pid: leader.pid!, startTicks: ticks(leader.pid!)}, left: pids.map(pid => ({pid, startTicks: ticks(pid)}))};
	for (const started of [tree.leader, ...tree.left]) {
		killAfterTest(started);
	}

	process.kill(tree.leader.pid, 'SIGKILL');
	await waitFor(() => !isStillRunning(tree.leader.pid, tree.leader.startTicks));
	return tree;
}

/** A process of ours started now, with `env` added to its environment. */
function bystander(env: Record<string, string> = {}): Started {
	const child = spawn('sleep', ['300'], {detached: true, stdio: 'ignore', env: {...process.env, ...env}});
	const started = {pid: child.pid!, startTicks: readProcStat(child.pid!)!.startTicks};
	killAfterTest(started);
	return started;
}

describe('leftovers found by their run\'s mark', () => {
	it('a dead leader\'s group and a setsid grandchild whose parent is gone are ended; another run\'s processes are not', async () => {
		const dir = scratchDir();
		const mark = commandRunMark(41, path.join(dir, 'logs/jobs/20261203_001.log'));
		const tree = await orphanedTree(mark);
		const otherRun = bystander(markVariables(commandRunMark(41, path.join(dir, 'logs/jobs/20261203_002.log'))));
		const unmarked = bystander();
		const [said] = await endLeftoverProcesses([{pid: tree.leader.pid, pgid: tree.leader.pid, startTicks: tree.leader.startTicks, mark}], {graceMs: 300});
		expect(said).toBe(`pid ${tree.leader.pid}: ended what its run left of process group ${tree.leader.pid} (1 process) and 1 descendant outside it`);
		expect(running(tree.left)).toEqual([]);
		expect(running([otherRun, unmarked])).toEqual([otherRun.pid, unmarked.pid]);
	});

	it('without the mark (a row recorded before it), the escaped grandchild is out of reach, as it was', async () => {
		const dir = scratchDir();
		const tree = await orphanedTree(commandRunMark(42, path.join(dir, 'run.log')));
		await endLeftoverProcesses([{pid: tree.leader.pid, pgid: tree.leader.pid, startTicks: tree.leader.startTicks}], {graceMs: 300});
		expect(running(tree.left)).toEqual([tree.left[1]!.pid]);
	});

	it('a recorded pid that names another process now: that process is left alone, what carries the run\'s mark is ended', async () => {
		const dir = scratchDir();
		const mark = commandRunMark(43, path.join(dir, 'run.log'));
		const tree = await orphanedTree(mark);
		// Stands for the process that took the dead leader's pid: recorded with the leader's start time, it is another process.
		await sleep(50); // Start times count clock ticks (10 ms): a later tick.
		const reuser = bystander();
		const [said] = await endLeftoverProcesses([{pid: reuser.pid, pgid: reuser.pid, startTicks: tree.leader.startTicks, mark}], {graceMs: 300});
		expect(said).toBe(`pid ${reuser.pid}: left alone (it is another process now); ended 2 processes its run left outside its group`);
		expect(running(tree.left)).toEqual([]);
		expect(running([reuser])).toEqual([reuser.pid]);
	});

	it('a marked process older than the run\'s first process is not the run\'s: left alone', async () => {
		const dir = scratchDir();
		const mark = commandRunMark(44, path.join(dir, 'run.log'));
		const older = bystander(markVariables(mark));
		await sleep(50); // Start times count clock ticks (10 ms): a later tick.
		const tree = await orphanedTree(mark);
		await endLeftoverProcesses([{pid: tree.leader.pid, pgid: tree.leader.pid, startTicks: tree.leader.startTicks, mark}], {graceMs: 300});
		expect(running(tree.left)).toEqual([]);
		expect(running([older])).toEqual([older.pid]);
	});
});

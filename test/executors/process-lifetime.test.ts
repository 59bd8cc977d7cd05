import {spawn} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {createInterface} from 'node:readline';
import {fileURLToPath} from 'node:url';
import {describe, expect, it, onTestFinished} from 'vitest';
import type {ProcessIdentity} from '../../src/executors/executor.js';
import {endLeftoverProcesses} from '../../src/executors/leftover-processes.js';
import {isStillRunning, readProcStat} from '../../src/executors/proc-stat.js';
import {scratchDir} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));

type Tree = {leader: ProcessIdentity & {startTicks: number}; others: Array<{pid: number; startTicks: number}>};

/**
 * A process tree as a command run leaves it: a leader in a session and group of its own (spawned
 * detached, as the executor does), a child in its group, and a grandchild that left with setsid.
 * Everything ignores SIGTERM when `stubborn`.
 */
async function startTree(dir: string, stubborn = false): Promise<Tree> {
	const script = `${stubborn ? 'trap "" TERM; ' : ''}sleep 300 & echo $!; setsid sleep 301 & echo $!; wait`;
	const leader = spawn('sh', ['-c', script], {cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'ignore']});
	const pids: number[] = [];
	for await (const line of createInterface({input: leader.stdout})) {
		pids.push(Number(line));
		if (pids.length === 2) {
			break;
		}
	}

	// The grandchild has left the group (setsid) before anyone looks for it.
	await waitFor(() => readProcStat(pids[1]!)?.sid === pids[1]);
	const ticks = (pid: number) => readProcStat(pid)!.startTicks;
	const tree = {leader: {pid: leader.pid!, pgid: leader.pid!, startTicks: ticks(leader.pid!)}, others: pids.map(pid => ({pid, startTicks: ticks(pid)}))};
	onTestFinished(() => {
		for (const {pid, startTicks} of [tree.leader, ...tree.others]) {
			if (isStillRunning(pid, startTicks)) {
				process.kill(pid, 'SIGKILL');
			}
		}
	});
	return tree;
}

const running = (tree: Tree) => [tree.leader, ...tree.others].filter(({pid, startTicks}) => isStillRunning(pid, startTicks)).map(({pid}) => pid);

describe('processes a run leaves behind', () => {
	it('endLeftoverProcesses ends a recorded run\'s whole tree, a setsid grandchild and SIGTERM-ignoring processes included', async () => {
		const dir = scratchDir();
		const polite = await startTree(dir);
		const stubborn = await startTree(dir, true);
		const said = await endLeftoverProcesses([polite.leader, stubborn.leader], {graceMs: 300});
		expect(running(polite)).toEqual([]);
		expect(running(stubborn)).toEqual([]);
		expect(said).toEqual([
			`pid ${polite.leader.pid}: ended leftover process group ${polite.leader.pid} (2 processes) and 1 descendant outside it`,
			`pid ${stubborn.leader.pid}: ended leftover process group ${stubborn.leader.pid} (2 processes) and 1 descendant outside it; 3 needed SIGKILL`,
		]);
	});

	it('a pid now used by another process, or recorded without a start time, is never touched', async () => {
		const dir = scratchDir();
		const tree = await startTree(dir);
		const said = await endLeftoverProcesses([{...tree.leader, startTicks: tree.leader.startTicks - 1}, {pid: tree.leader.pid, pgid: tree.leader.pgid}], {graceMs: 300});
		expect(said).toEqual([`pid ${tree.leader.pid}: left alone (it is another process now)`, `pid ${tree.leader.pid}: left alone (no start time was recorded, so it cannot be told from a reused pid)`]);
		expect(running(tree)).toHaveLength(3);
	});

	it('the members of a recorded group outlive their leader (killed with the scheduler): they are ended too', async () => {
		const dir = scratchDir();
		const tree = await startTree(dir);
		process.kill(tree.leader.pid, 'SIGKILL');
		await waitFor(() => !isStillRunning(tree.leader.pid, tree.leader.startTicks));
		const [said] = await endLeftoverProcesses([tree.leader], {graceMs: 300});
		expect(said).toBe(`pid ${tree.leader.pid}: ended what its run left of process group ${tree.leader.pid} (1 process)`);
		expect(isStillRunning(tree.others[0]!.pid, tree.others[0]!.startTicks)).toBe(false);
		// The setsid grandchild lost its parent link with its parent's death: beyond reach (see the report's weak points).
	});

	it('a command dies with the process that started it (setpriv --pdeathsig KILL)', async () => {
		const dir = scratchDir();
		const program = path.join(dir, 'scheduler.ts');
		writeFileSync(program, `import {createLocalExecutor} from ${JSON.stringify(path.join(repo, 'src/executors/local-executor.ts'))};
const root = ${JSON.stringify(dir)};
const paths = {root, data: root, processed: root, features: root, reports: root, logs: root};
const executor = createLocalExecutor({root, spareWorkers: 0});
executor.start({runId: 1, jobId: 'sleeper', target: {kind: 'command', argv: ['sleep', '300'], shell: false}, params: {}, scheduledAt: Date.now(), attempt: 1, timeZone: 'UTC', logPath: root + '/logs/1.log', paths},
	{started: (at, identity) => console.log(JSON.stringify(identity)), progress() {}, log() {}, notify() {}});
`);
		const scheduler = spawn(process.execPath, ['--import', 'tsx', program], {cwd: repo, stdio: ['ignore', 'pipe', 'inherit']});
		onTestFinished(() => {
			scheduler.kill('SIGKILL');
		});
		const [line] = await createInterface({input: scheduler.stdout})[Symbol.asyncIterator]().next().then(next => [next.value as string]);
		const identity = JSON.parse(line!) as ProcessIdentity & {startTicks: number};
		expect(isStillRunning(identity.pid, identity.startTicks)).toBe(true);
		// Started is told as the child is spawned: setpriv, which sets the parent-death signal and then
		// becomes the command. Killed before setpriv got that far (a loaded box), the command outlived it.
		await waitFor(() => readFileSync(`/proc/${identity.pid}/cmdline`, 'utf8').startsWith('sleep\0'), 20_000, 'setpriv to become the command');
		scheduler.kill('SIGKILL');
		// Generous: a process killed while its threads wait on a disk many tests write to ends only when they return.
		await waitFor(() => !isStillRunning(identity.pid, identity.startTicks), 60_000, 'the command to die with the process that started it');
	}, 90_000);
});

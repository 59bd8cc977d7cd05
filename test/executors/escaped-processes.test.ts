/**
 * A command's process that left the run's session with `setsid` after a double fork (its parent, the
 * run's subshell, exited at once): no parent link and no group lead to it any more. A cancel or a
 * timeout still ends it, found by the mark every process of the run carries in its environment
 * (SAGE_RUN_ID and SAGE_RUN_LOG), and a process that does not carry it is never touched.
 */
import {spawn} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it, onTestFinished} from 'vitest';
import {isStillRunning, readProcStat} from '../../src/executors/proc-stat.js';
import {waitFor} from '../helpers/wait-for.js';
import {commandTarget, executorIn, logLines, recordingSink, specFor} from './run-harness.js';

type Escaped = {pid: number; startTicks: number};

/** The process the script wrote to `file` once it has left the run's session and lost its parent. */
async function escapedFrom(file: string, leader: number): Promise<Escaped> {
	await waitFor(() => existsSync(file) && readFileSync(file, 'utf8').endsWith('\n'));
	const pid = Number(readFileSync(file, 'utf8'));
	await waitFor(() => {
		const stat = readProcStat(pid);
		return stat?.sid === pid && stat.ppid !== leader;
	}, 5000, 'the escaped process in a session of its own, its parent gone');
	const escaped = {pid, startTicks: readProcStat(pid)!.startTicks};
	onTestFinished(() => {
		if (isStillRunning(escaped.pid, escaped.startTicks)) {
			process.kill(escaped.pid, 'SIGKILL');
		}
	});
	return escaped;
}

/** A process of our own, like the run's but not started by it, that nothing may end. */
function bystander(): Escaped {
	const child = spawn('sleep', ['300'], {detached: true, stdio: 'ignore'});
	const started = {pid: child.pid!, startTicks: readProcStat(child.pid!)!.startTicks};
	onTestFinished(() => {
		child.kill('SIGKILL');
	});
	return started;
}

// `( … &)`: the subshell starts the background process and exits, so it is reparented to init (or a subreaper).
const doubleFork = (prefix = '') => `(${prefix}setsid sh -c 'echo $$ > escaped; exec sleep 302' &); sleep 300`;

describe('a process that escaped a command run\'s tree', () => {
	it('a cancel ends a setsid grandchild whose parent had exited, and leaves other processes alone', async () => {
		const {root, executor} = executorIn();
		const sink = recordingSink();
		const other = bystander();
		const spec = specFor(root.dir, commandTarget(['sh', '-c', doubleFork()]));
		const handle = executor.start(spec, sink.sink);
		await waitFor(() => sink.started.length > 0);
		const escaped = await escapedFrom(path.join(root.dir, 'escaped'), sink.started[0]!.process!.pid);
		handle.cancel('cancel');
		expect(await handle.done).toMatchObject({status: 'cancelled'});
		expect(isStillRunning(escaped.pid, escaped.startTicks)).toBe(false);
		expect(isStillRunning(other.pid, other.startTicks)).toBe(true);
		const leader = sink.started[0]!.process!.pid;
		expect(logLines(spec.logPath).map(line => line.msg)).toContain(`cancelled: sent SIGTERM to process group ${leader} (2 processes) and 1 descendant outside it`);
	});

	it('a timeout kills one that also ignores SIGTERM, with SIGKILL after the grace', async () => {
		const {root, executor} = executorIn({}, {cancelGraceMs: 300});
		const sink = recordingSink();
		// An ignored signal stays ignored across fork and exec.
		const spec = specFor(root.dir, commandTarget(['sh', '-c', doubleFork('trap "" TERM; ')]), {timeoutMs: 60_000});
		const handle = executor.start(spec, sink.sink);
		await waitFor(() => sink.started.length > 0);
		const escaped = await escapedFrom(path.join(root.dir, 'escaped'), sink.started[0]!.process!.pid);
		handle.cancel('timeout');
		expect(await handle.done).toMatchObject({status: 'timeout'});
		expect(isStillRunning(escaped.pid, escaped.startTicks)).toBe(false);
		const leader = sink.started[0]!.process!.pid;
		expect(logLines(spec.logPath).map(line => line.msg)).toContain(`killed process group ${leader} (0 processes) and 1 descendant outside it with SIGKILL, still running after the 300ms grace`);
	});
});

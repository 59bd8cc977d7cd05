/**
 * The memory poll's memory of which processes carry a service run's mark, with real processes: each
 * process's environment is read once, however many polls ask; a pid seen with another start time (a
 * reused pid) is read again; a process gone is forgotten at the next poll.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {describe, expect, it, onTestFinished} from 'vitest';
import {readProcStat, type ProcStat} from '../../src/executors/proc-stat.js';
import {serviceRunMark} from '../../src/executors/run-mark.js';
import {MarkedProcessCache} from '../../src/supervisor/marked-process-cache.js';
import {waitFor} from '../helpers/wait-for.js';

const mark = serviceRunMark(7, '/srv/trading/logs/services/feed.out', '/srv/trading/data/sage.db');

/** A real `sleep`, with the mark in its environment or not. */
function sleeper(marked: boolean): ChildProcess {
	const markVariables = Object.fromEntries(mark.map(entry => entry.split('=') as [string, string]));
	const child = spawn('sleep', ['60'], {env: {PATH: process.env.PATH, ...(marked ? markVariables : {})}, stdio: 'ignore'});
	onTestFinished(() => {
		child.kill('SIGKILL');
	});
	return child;
}

const statOf = (child: ChildProcess): ProcStat => readProcStat(child.pid!)!;

/** `sleep` runs in each: its environment is the one it was given (before the exec, the forked node's). */
async function running(...children: ChildProcess[]): Promise<void> {
	await waitFor(() => children.every(child => {
		try {
			return readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').startsWith('sleep\0');
		} catch {
			return false;
		}
	}), 5000, 'the sleeps running');
}

describe('which processes carry a service run\'s mark, remembered between polls', () => {
	it('reads each process\'s environment once, however often the poll asks', async () => {
		const [marked, other] = [sleeper(true), sleeper(false)];
		await running(marked, other);
		const stats = [statOf(marked), statOf(other)];
		const cache = new MarkedProcessCache(mark, Math.min(...stats.map(stat => stat.startTicks)));
		for (let poll = 0; poll < 5; poll++) {
			expect(cache.marked(stats).map(stat => stat.pid)).toEqual([marked.pid]);
		}

		expect(cache.reads).toBe(2);
		expect(cache.size).toBe(2);
	});

	it('reads a pid again when it started at another time (a reused pid), and forgets processes gone', async () => {
		const [marked, other] = [sleeper(true), sleeper(false)];
		await running(marked, other);
		const stats = [statOf(marked), statOf(other)];
		const cache = new MarkedProcessCache(mark, 0);
		cache.marked(stats);
		// The unmarked sleep's pid, as a process started a tick later would show it.
		const reused = {...stats[1]!, startTicks: stats[1]!.startTicks + 1};
		expect(cache.marked([stats[0]!, reused]).map(stat => stat.pid)).toEqual([marked.pid]);
		expect(cache.reads).toBe(3);

		other.kill('SIGKILL');
		await waitFor(() => readProcStat(other.pid!) === undefined, 15_000, 'the unmarked sleep gone');
		expect(cache.marked([statOf(marked)]).map(stat => stat.pid)).toEqual([marked.pid]);
		expect(cache.size).toBe(1);
		expect(cache.reads).toBe(3);
	});

	it('reads a process with no environment (`env -i`) again at the next poll, then believes it', async () => {
		const bare = spawn('env', ['-i', 'sleep', '60'], {stdio: 'ignore'});
		onTestFinished(() => {
			bare.kill('SIGKILL');
		});
		await running(bare);
		const cache = new MarkedProcessCache(mark, 0);
		for (let poll = 0; poll < 4; poll++) {
			expect(cache.marked([statOf(bare)])).toEqual([]);
		}

		expect(cache.reads).toBe(2);
	});

	it('never counts a process older than the service, or this one', () => {
		const own = readProcStat(process.pid)!;
		const cache = new MarkedProcessCache([`PATH=${process.env.PATH}`], 0);
		expect(cache.marked([own])).toEqual([]);
		expect(new MarkedProcessCache(mark, own.startTicks + 1).marked([{...own, pid: 1}])).toEqual([]);
		expect(cache.reads).toBe(0);
	});
});

import {existsSync} from 'node:fs';
import {readProcStat} from './proc-stat.js';

/** A job tried to signal the process it runs in (the scheduler's). */
export class OwnProcessSignalError extends Error {
	override name = 'OwnProcessSignal';
}

type KillBinding = (pid: number, signal: number) => number;

/**
 * In a job worker: a job must not signal the process it shares with the scheduler. `process.kill`
 * (through `process._kill`, which it calls, and which a job could call itself) throws for our own pid,
 * pid 0 (our process group), -1 (every process we may signal), minus our group's id, and any thread of
 * this process; signal 0 (is it alive?) stays allowed, and so does any other process, our parent
 * included. `process.abort()` already throws in a worker. A child process the job starts (`kill $PPID`)
 * is beyond a guard in this thread.
 */
export function guardOwnProcess(): void {
	const pid = process.pid;
	const pgid = readProcStat(pid)?.pgid ?? pid;
	const internals = process as unknown as {_kill: KillBinding};
	const kill = internals._kill.bind(process);
	const isOwn = (target: number) => target === pid || target === 0 || target === -1 || target === -pid || target === -pgid
		|| (target > 0 && existsSync(`/proc/self/task/${target}`));
	internals._kill = (target, signal) => {
		if (signal !== 0 && isOwn(target)) {
			throw new OwnProcessSignalError(`a job may not signal the process it runs in: process.kill(${target}, ${signal}) would reach the scheduler (pid ${pid}, group ${pgid})`);
		}

		return kill(target, signal);
	};
}

import {readFileSync} from 'node:fs';
import {readProcStat} from '../executors/proc-stat.js';
import {lockHolder} from '../host/instance-lock.js';
import type {AppPaths} from '../host/paths.js';
import type {SchedulerNotAnsweringError} from '../host/socket-client.js';
import {printable} from '../log/printable-text.js';

/**
 * What a command says of a scheduler that accepts its connection but never answers: which process it
 * is (the root's lock names it) and, when the kernel says it is stopped, how to let it go on: `T` is a
 * stop (SIGSTOP, Ctrl-Z) that SIGCONT ends; `t` a tracing stop (gdb, strace, any ptrace), which only
 * its tracer ends.
 */
export function notAnsweringText(error: SchedulerNotAnsweringError, paths?: AppPaths): string {
	const pid = paths === undefined ? undefined : lockHolder(paths.lockFile);
	const state = pid === undefined ? undefined : readProcStat(pid)?.state;
	const who = pid === undefined ? 'the scheduler' : `the scheduler (pid ${pid})`;
	if (state === 'T') {
		return `${who} is stopped (SIGSTOP, Ctrl-Z in its terminal, a debugger): it fires no job and answers no command until it goes on; \`kill -CONT ${pid}\` (or \`fg\` in its shell) resumes it`;
	}

	if (state === 't') {
		return `${who} is stopped by a debugger or tracer (${tracerWords(pid!)}): it fires no job and answers no command until the tracer lets it go on (\`continue\` in gdb) or lets it go (detach, quit gdb, end strace); \`kill -CONT ${pid}\` does not resume it while it is traced`;
	}

	return `${error.message}: ${who} is hung or too busy to answer; its log (logs/sage-console.log) may say why, and a stop and start of it (q in its console, or its service) ends it`;
}

/** `pid 4242, gdb`: the process tracing `pid` (TracerPid in its /proc status), as far as /proc still tells. */
function tracerWords(pid: number): string {
	const tracer = Number(/^TracerPid:\s*(\d+)$/m.exec(readProcFile(pid, 'status') ?? '')?.[1] ?? 0);
	if (tracer === 0) {
		return `TracerPid in /proc/${pid}/status names it`;
	}

	const name = printable(readProcFile(tracer, 'comm')?.trim() ?? '');
	return `pid ${tracer}${name ? `, ${name}` : ''}`;
}

function readProcFile(pid: number, file: string): string | undefined {
	try {
		return readFileSync(`/proc/${pid}/${file}`, 'utf8');
	} catch {
		return undefined;
	}
}

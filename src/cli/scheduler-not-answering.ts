import {readProcStat} from '../executors/proc-stat.js';
import {lockHolder} from '../host/instance-lock.js';
import type {AppPaths} from '../host/paths.js';
import type {SchedulerNotAnsweringError} from '../host/socket-client.js';

/**
 * What a command says of a scheduler that accepts its connection but never answers: which process it
 * is (the root's lock names it) and, when the kernel says it is stopped, how to let it go on.
 */
export function notAnsweringText(error: SchedulerNotAnsweringError, paths?: AppPaths): string {
	const pid = paths === undefined ? undefined : lockHolder(paths.lockFile);
	const stopped = pid !== undefined && readProcStat(pid)?.state === 'T';
	const who = pid === undefined ? 'the scheduler' : `the scheduler (pid ${pid})`;
	if (stopped) {
		return `${who} is stopped (SIGSTOP, Ctrl-Z in its terminal, a debugger): it fires no job and answers no command until it goes on; \`kill -CONT ${pid}\` (or \`fg\` in its shell) resumes it`;
	}

	return `${error.message}: ${who} is hung or too busy to answer; its log (logs/sage-console.log) may say why, and a stop and start of it (q in its console, or its service) ends it`;
}

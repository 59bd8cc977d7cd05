/**
 * How a service run's end is recorded, from how its process ended: the run's status, its error (the
 * stderr tail of a crash as the stack, as a job's failure keeps its stack), its result, and the one
 * line the console shows as the last exit. Pure.
 */
import type {RunError} from '../core/run-record.js';
import {stderrHeadline} from '../executors/stderr-headline.js';
import {readyLineOnStderr, readyLineOnStderrText} from './ready-line-on-stderr.js';
import type {ServiceDefinition} from './service-definition.js';
import type {ServiceExit} from './service-process.js';
import type {ServiceRunResult, StopReason} from './service-runs.js';

/** `message` names the service first ("quotes exited with code 3 after 5 s"), for the log and the console. */
export type ExitOutcome = {status: 'success' | 'failed'; result: ServiceRunResult; error?: RunError; message: string};

/** "exited with code 3", "was killed by SIGKILL", or, for an adopted process, that it ended. */
export function howItEnded(exit: ServiceExit): string {
	if (!exit.known) {
		return 'ended (it was adopted: its exit status is not known)';
	}

	return exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
}

function resultOf(exit: ServiceExit, uptimeMs: number): ServiceRunResult {
	return {uptimeMs, ...(exit.known ? {exitCode: exit.code ?? undefined, signal: exit.signal ?? undefined} : {})};
}

/** `: TypeError: …`, the stderr line that says what went wrong, after the message's own words; nothing without stderr. */
const headlineText = (stderrTail: readonly string[]) => {
	const headline = stderrHeadline(stderrTail);
	return headline === undefined ? '' : `: ${headline}`;
};

const withStack = (error: RunError, stderrTail: readonly string[]): RunError => (stderrTail.length > 0 ? {...error, stack: stderrTail.join('\n')} : error);

/** An exit nobody asked for: a failure unless it was code 0. */
export function unexpectedExit(serviceId: string, exit: ServiceExit, uptimeMs: number, stderrTail: readonly string[]): ExitOutcome {
	const result = resultOf(exit, uptimeMs);
	const after = `after ${Math.round(uptimeMs / 1000)} s`;
	if (exit.known && exit.code === 0) {
		return {status: 'success', result, message: `${serviceId} exited with code 0 ${after}`};
	}

	const message = `${serviceId} ${howItEnded(exit)} ${after}${headlineText(stderrTail)}`;
	const type = exit.known ? (exit.signal ? 'Killed' : 'ExitCode') : 'Exited';
	return {status: 'failed', result, error: withStack({type, message}, stderrTail), message};
}

/**
 * An exit the supervisor asked for. Over max_memory and not ready in time are failures of the run;
 * any other stop (window end, operator, shutdown, reload) is its planned end.
 */
export function askedExit(def: Pick<ServiceDefinition, 'id' | 'maxMemoryMb' | 'readiness'>, stop: {reason: StopReason; killed: number}, exit: ServiceExit, uptimeMs: number, stderrTail: readonly string[]): ExitOutcome {
	const result: ServiceRunResult = {...resultOf(exit, uptimeMs), stop: stop.reason, ...(stop.killed > 0 ? {killed: stop.killed} : {})};
	if (stop.reason === 'memory') {
		// Stopped, not "restarted": what follows (a restart, the backoff, or fatal past the start limit) is told after.
		const message = `${def.id} went over its max_memory ${def.maxMemoryMb} MiB and was stopped`;
		return {status: 'failed', result, error: withStack({type: 'MemoryLimit', message}, stderrTail), message};
	}

	if (stop.reason === 'not-ready') {
		const onStderr = def.readiness.kind === 'pattern' ? readyLineOnStderr(stderrTail, def.readiness.pattern) : undefined;
		const message = `${def.id} did not become ready (no line matching ready_pattern) in time and was stopped${onStderr === undefined ? '' : readyLineOnStderrText(onStderr)}`;
		return {status: 'failed', result, error: withStack({type: 'NotReady', message}, stderrTail), message};
	}

	return {status: 'success', result, message: `${def.id} stopped (${stop.reason}); it ${howItEnded(exit)}${stop.killed > 0 ? `, ${stop.killed} process(es) with SIGKILL` : ''}`};
}

import type {RunSink} from './executor.js';

/**
 * The sink with every call guarded: its contract says it never throws, and an executor's event
 * handlers (a worker's message, a pipe's data) are no place to find out otherwise: a throw there
 * would crash the scheduler, or leave a run that never settles.
 */
export function guardedSink(sink: RunSink): RunSink {
	return {
		started: (at, process, worker) => attempt(() => sink.started(at, process, worker)),
		progress: (fraction, message) => attempt(() => sink.progress(fraction, message)),
		log: lines => attempt(() => sink.log(lines)),
		notify: (title, body, users) => attempt(() => sink.notify(title, body, users)),
		logTrouble: trouble => attempt(() => sink.logTrouble?.(trouble)),
	};
}

function attempt(call: () => void): void {
	try {
		call();
	} catch {
		// A broken sink loses this report; the run goes on and still settles.
	}
}

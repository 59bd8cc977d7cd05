import {setFlagsFromString} from 'node:v8';

let applied = false;

/**
 * Turns off V8's memory reducer for isolates created from now on (V8 flags are process-wide). Job
 * workers sit idle between runs, and the reducer took every idle spell as a cue for full
 * mark-compacts to shrink a 5 MB heap: two or three per worker every few seconds, 2–40 ms each,
 * often just as the next run arrived. With 100 runs a second through eight workers that was 40% of
 * the workers' CPU. Heaps still shrink at their ordinary full collections.
 */
export function keepWorkerHeapsSteady(): void {
	if (!applied) {
		setFlagsFromString('--no-memory-reducer');
		applied = true;
	}
}

import {setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';

/**
 * V8's `gc` extension, run now on this thread: with no argument a full collection (mark-compact), with
 * `{type: 'minor'}` a scavenge of the young generation. (This V8 takes any other options as a minor
 * collection too: `{type: 'major'}` does not compact.)
 */
export type GarbageCollect = (options?: {type: 'minor'}) => void;

let collect: GarbageCollect | undefined;
let unavailable = false;

/**
 * This thread's `gc` function without starting node with `--expose-gc`, or undefined where V8 will not
 * hand it out. The function is only given to contexts made after the flag is set (the global one stays
 * unset), so a fresh context fetches it; it collects the heap of the thread that calls it.
 */
export function exposedGc(): GarbageCollect | undefined {
	if (!collect && !unavailable) {
		try {
			setFlagsFromString('--expose-gc');
			collect = runInNewContext('gc') as GarbageCollect;
		} catch {
			unavailable = true;
		}
	}

	return collect;
}

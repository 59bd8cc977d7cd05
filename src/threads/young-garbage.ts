import {getHeapSpaceStatistics} from 'node:v8';
import {exposedGc} from './exposed-gc.js';

/**
 * Collects this thread's young garbage now (a minor GC, scavenge), when it holds at least `minBytes`.
 * The scheduler calls it in a quiet moment before a fire: V8 otherwise collects whenever the young
 * space fills, and at a hundred runs a second that was every few seconds, 5–30 ms each, often right
 * in a second's burst of fires and starts. Returns whether it collected.
 */
export function collectYoungGarbage(minBytes = 1024 * 1024): boolean {
	const young = getHeapSpaceStatistics().find(space => space.space_name === 'new_space');
	const collect = exposedGc();
	if (!young || young.space_used_size < minBytes || !collect) {
		return false;
	}

	collect({type: 'minor'});
	return true;
}

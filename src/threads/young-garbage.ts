import {getHeapSpaceStatistics, setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';

type Collect = (options: {type: 'minor'}) => void;
let collect: Collect | undefined;
let unavailable = false;

function collector(): Collect | undefined {
	if (!collect && !unavailable) {
		try {
			// The gc function is only handed out to contexts made after the flag is set; the global one stays unset.
			setFlagsFromString('--expose-gc');
			collect = runInNewContext('gc') as Collect;
		} catch {
			unavailable = true;
		}
	}

	return collect;
}

/**
 * Collects this thread's young garbage now (a minor GC, scavenge), when it holds at least `minBytes`.
 * The scheduler calls it in a quiet moment before a fire: V8 otherwise collects whenever the young
 * space fills, and at a hundred runs a second that was every few seconds, 5–30 ms each, often right
 * in a second's burst of fires and starts. Returns whether it collected.
 */
export function collectYoungGarbage(minBytes = 1024 * 1024): boolean {
	const young = getHeapSpaceStatistics().find(space => space.space_name === 'new_space');
	const run = collector();
	if (!young || young.space_used_size < minBytes || !run) {
		return false;
	}

	run({type: 'minor'});
	return true;
}

import type {RedisLink} from './redis-link.js';
import type {RunFollows} from './run-follows.js';
import {decodeEntry} from './run-events.js';

export type StreamReply = Array<[string, Array<[string, string[]]>]> | null;

/** Entries read per run and call: a chatty run cannot hold up the others for long. */
const batch = 500;
/** Runs named in one read. */
const runsPerRead = 100;

/**
 * Reads pending runs from their own streams, a batch of runs in one read, each from its entry read
 * last; a run with more entries than a batch stays pending. A failed read leaves its runs pending.
 */
export async function readRunStreams(link: RedisLink, follows: RunFollows): Promise<void> {
	const keys = follows.takePending(runsPerRead);
	if (keys.length === 0) {
		return;
	}

	let reply: StreamReply;
	try {
		reply = await link.blocking.xread('COUNT', batch, 'STREAMS', ...keys, ...keys.map(key => follows.get(key)?.lastId ?? '0')) as StreamReply;
	} catch (error) {
		follows.markPending(keys);
		throw error;
	}

	for (const [key, entries] of reply ?? []) {
		const follow = follows.get(key);
		const last = entries.at(-1)?.[0];
		if (!follow || !last) {
			continue;
		}

		follow.lastId = last;
		if (entries.length === batch) {
			follows.markPending([key]);
		}

		follows.deliver(follow, entries.flatMap(([, fields]) => decodeEntry(fields)));
	}
}

/**
 * The console's reader of runs' streams against a real redis-server: it blocks on the news stream
 * alone and delivers a run's events from the news when they follow on, reads the run's stream when
 * the news names it without them or with a gap; a run followed with history is read at once;
 * events written with no news (news trimmed away, or lost) arrive through the sweep of followed runs;
 * an entry holding several events delivers them in order; an unfollowed run is not read.
 */
import {Redis} from 'ioredis';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {RedisLink} from '../../src/remote/redis-link.js';
import {runNewsKey} from '../../src/remote/remote-keys.js';
import {RunEventReader} from '../../src/remote/run-event-reader.js';
import {encodeEvent, type SequencedEvent} from '../../src/remote/run-events.js';
import {RedisServer} from '../helpers/redis-server.js';
import {waitFor} from '../helpers/wait-for.js';

let redis: RedisServer;
let client: Redis;
let link: RedisLink;

beforeAll(async () => {
	redis = await RedisServer.start();
	client = new Redis(redis.url(), {maxRetriesPerRequest: null});
	link = new RedisLink({url: redis.url(), shown: redis.url()}, {changed() {}, eviction() {}});
	expect(await link.whenReady(5000)).toBe(true);
}, 30_000);

afterAll(async () => {
	await link?.close();
	client?.disconnect();
	await redis?.remove();
});

function collector() {
	const events: SequencedEvent[] = [];
	return {events, deliver: (batch: SequencedEvent[]) => events.push(...batch)};
}

const progress = (s: number) => encodeEvent({t: 'progress', f: s / 10, s});

/**
 * Until a connection is blocked in XREAD (the reader waiting on the news stream), as redis-server's
 * client list says: a reader that looked up the news' end after a news entry came would skip it.
 */
async function untilBlockedOnNews(): Promise<void> {
	const blocked = (list: string) => list.split('\n').some(line => / flags=[a-zA-Z]*b/.test(line) && / cmd=xread\b/.test(line));
	for (const deadline = Date.now() + 20_000; !blocked(await client.client('LIST') as string);) {
		if (Date.now() > deadline) {
			throw new Error('timed out waiting for the reader to block on the news stream');
		}

		await new Promise(resolve => {
			setTimeout(resolve, 20);
		});
	}
}

describe('RunEventReader', () => {
	it('reads a run when its news comes, an entry of several events in order, and a run with history at once', async () => {
		const reader = new RunEventReader(link, {sweepMs: 60_000});
		try {
			const fresh = collector();
			reader.follow('t:fresh:events', '0', fresh.deliver);
			// Let the reader block on the news stream first (on a loaded box that can take a while).
			await untilBlockedOnNews();
			await client.pipeline().xadd('t:fresh:events', '*', 'e', progress(1), 'e', progress(2)).xadd(runNewsKey, '*', 'r', 't:fresh:events').exec();
			await waitFor(() => fresh.events.length === 2 || undefined, 10_000, 'the news to be read');
			expect(fresh.events.map(event => event.s)).toEqual([1, 2]);

			// News carrying the entry's events: delivered from it. One that skips a number: the run's stream is read.
			const third = await client.xadd('t:fresh:events', '*', 'e', progress(3));
			await client.xadd(runNewsKey, '*', 'r', 't:fresh:events', 'i', third!, 'e', progress(3));
			await waitFor(() => fresh.events.length === 3 || undefined, 10_000, 'the events in the news');
			await client.xadd('t:fresh:events', '*', 'e', progress(4));
			const fifth = await client.xadd('t:fresh:events', '*', 'e', progress(5));
			await client.xadd(runNewsKey, '*', 'r', 't:fresh:events', 'i', fifth!, 'e', progress(5));
			await waitFor(() => fresh.events.length === 5 || undefined, 10_000, 'the gap to be read from the run\'s stream');
			expect(fresh.events.map(event => event.s)).toEqual([1, 2, 3, 4, 5]);

			// History and no news: read at once all the same (it wakes the blocked read).
			await client.xadd('t:old:events', '*', 'e', progress(1));
			await client.xadd('t:old:events', '*', 'e', progress(2));
			const old = collector();
			reader.follow('t:old:events', '0', old.deliver, true);
			await waitFor(() => old.events.length === 2 || undefined, 10_000, 'the history to be read');

			// Unfollowed: its news is ignored.
			reader.unfollow('t:fresh:events');
			await client.pipeline().xadd('t:fresh:events', '*', 'e', progress(6)).xadd(runNewsKey, '*', 'r', 't:fresh:events').exec();
			await client.pipeline().xadd('t:old:events', '*', 'e', progress(3)).xadd(runNewsKey, '*', 'r', 't:old:events').exec();
			await waitFor(() => old.events.length === 3 || undefined, 10_000, 'the followed run\'s news');
			expect(fresh.events).toHaveLength(5);
		} finally {
			reader.stop();
		}
	});

	it('reads events that came with no news through its sweep', async () => {
		const reader = new RunEventReader(link, {sweepMs: 300});
		try {
			const quiet = collector();
			reader.follow('t:quiet:events', '0', quiet.deliver);
			await new Promise(resolve => {
				setTimeout(resolve, 100);
			});
			await client.xadd('t:quiet:events', '*', 'e', progress(1), 'e', progress(2), 'e', progress(3));
			await waitFor(() => quiet.events.length === 3 || undefined, 10_000, 'the sweep to read the run');
			expect(quiet.events.map(event => event.s)).toEqual([1, 2, 3]);
		} finally {
			reader.stop();
		}
	});
});

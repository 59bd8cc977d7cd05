/**
 * The first run a console follows on workers, against a real redis-server: news about it that comes
 * right after `follow()` — before the reader's own connection is made and it has looked up where the
 * news stream stands, as a worker quick to take the run's job can write it — is delivered at once, not
 * left to the sweep of followed runs (every 5 s by default; 60 s here, longer than the test waits).
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
let worker: Redis;

beforeAll(async () => {
	redis = await RedisServer.start();
	worker = new Redis(redis.url(), {maxRetriesPerRequest: null});
	await worker.ping();
}, 30_000);

afterAll(async () => {
	worker?.disconnect();
	await redis?.remove();
});

const progress = (s: number) => encodeEvent({t: 'progress', f: s / 10, s});

describe('RunEventReader, the first run it follows', () => {
	it('delivers news written right after follow() without waiting for the sweep', async () => {
		// Given a console's link to Redis, its commands connection up (the run's job is queued on it)
		const link = new RedisLink({url: redis.url(), shown: redis.url()}, {changed() {}, eviction() {}});
		expect(await link.whenReady(5000)).toBe(true);
		const reader = new RunEventReader(link, {sweepMs: 60_000});
		try {
			// When a run is followed and a worker at once writes its first event and the news of it
			const events: SequencedEvent[] = [];
			reader.follow('t:first:events', '0', batch => events.push(...batch));
			const first = await worker.xadd('t:first:events', '*', 'e', progress(1));
			await worker.xadd(runNewsKey, '*', 'r', 't:first:events', 'i', first!, 'e', progress(1));

			// Then the reader delivers it well before its sweep would
			await waitFor(() => events.length > 0 || undefined, 10_000, 'the first event of the run followed');
			expect(events.map(event => event.s)).toEqual([1]);

			// And news after that is read from the news as before
			const second = await worker.xadd('t:first:events', '*', 'e', progress(2));
			await worker.xadd(runNewsKey, '*', 'r', 't:first:events', 'i', second!, 'e', progress(2));
			await waitFor(() => events.length === 2 || undefined, 10_000, 'the second event');
			expect(events.map(event => event.s)).toEqual([1, 2]);
		} finally {
			reader.stop();
			await link.close();
		}
	}, 30_000);
});

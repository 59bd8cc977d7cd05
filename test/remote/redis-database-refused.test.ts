/**
 * A Redis URL whose database number the Redis does not have (`/5` on a Redis with `databases 4`; a
 * `/20` on a default one): Redis refuses the SELECT, and ioredis stays connected on database 0 — the
 * database another trading box's console and workers may use. The console took Redis for reachable
 * and put runs on database 0's queues; a worker said `Redis reachable` and took runs from there. Now
 * the console tells it as Redis unreachable with the refusal and fails runs on workers fast, and a
 * worker does not start (exit 1, saying why). A real redis-server, the scheduling host of a console,
 * the built binary.
 */
import {describe, expect, it} from 'vitest';
import {databaseFiveRootForFile} from '../helpers/database-five-root.js';
import {finished} from './remote-fixtures.js';

const refusal = 'ERR DB index is out of range: Redis has fewer databases than the URL\'s path asks for (its `databases` setting, 16 unless set)';
const given = databaseFiveRootForFile({args: ['--databases', '4']});

describe('a Redis URL naming a database the Redis does not have', () => {
	it('the console fails runs on workers fast, saying Redis refused the database, and queues nothing on database 0', async () => {
		const {redis} = given;
		const host = await given.openHost();
		const record = await finished(host, host.scheduler.submit('crunch').run!.id);
		expect(record.status).toBe('failed');
		expect(record.error).toEqual({type: 'RedisUnreachable', message: `Redis unreachable at ${redis.url(5)} (${refusal}): runs on workers cannot start`});
		expect(host.scheduler.snapshot().notices).toContain(`Redis unreachable at ${redis.url(5)} (${refusal}): runs on workers fail until it is back; local jobs go on`);
		const {Redis} = await import('ioredis');
		const database0 = new Redis(redis.url(0));
		try {
			expect(await database0.keys('sage:*')).toEqual([]);
		} finally {
			database0.disconnect();
		}
	}, 30_000);

	it('a worker does not start, saying why, and exits 1', async () => {
		const {redis} = given;
		const worker = given.workers.start(given.root.dir);
		const {code} = await worker.ended;
		expect(code).toBe(1);
		const said = worker.output();
		expect(said).toContain(`cannot start: Redis at ${redis.url(5)} refused it (${refusal})`);
		expect(said).not.toContain('taking runs');
	}, 30_000);
});

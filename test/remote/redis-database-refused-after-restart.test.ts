/**
 * Redis restarted with fewer databases than a running worker's URL asks for (`/5`, then `databases 4`):
 * Redis refuses the worker's SELECT on reconnect and ioredis goes on, on database 0, where another
 * box's console may queue runs. The worker took runs from there and heartbeated there for ever; it now
 * ends at once, exit 1, saying why. The console takes Redis as unreachable, and its standing notice,
 * which told the outage, now tells the refusal too (the refusal at start is
 * test/remote/redis-database-refused). A real redis-server stopped and started again on its port, the
 * scheduling host of a console, the built binary.
 */
import {describe, expect, it} from 'vitest';
import {databaseFiveRootForFile} from '../helpers/database-five-root.js';
import {waitFor} from '../helpers/wait-for.js';

const given = databaseFiveRootForFile();

describe('Redis restarted with fewer databases under a running worker', () => {
	const refusal = 'ERR DB index is out of range: Redis has fewer databases than the URL\'s path asks for (its `databases` setting, 16 unless set)';

	it('the worker ends at once, exit 1, saying Redis refused its database; the console\'s notice says so', async () => {
		const {redis} = given;
		const host = await given.openHost();
		const worker = given.workers.start(given.root.dir);
		await waitFor(() => worker.output().includes('taking runs'), 30_000, 'the worker taking runs');
		await redis.stop();
		await redis.startAgain(['--databases', '4']);
		const {code} = await worker.ended;
		expect(code).toBe(1);
		expect(worker.output()).toContain(`Redis at ${redis.url(5)} refused worker`);
		expect(worker.output()).toContain(`after it restarted (${refusal})`);
		await waitFor(() => host.scheduler.snapshot().notices.includes(`Redis unreachable at ${redis.url(5)} (${refusal}): runs on workers fail until it is back; local jobs go on`), 20_000, 'the console\'s notice of the refusal');
	}, 60_000);
});

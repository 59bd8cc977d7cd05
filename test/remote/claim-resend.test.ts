/**
 * A worker's claim of a run against a real redis-server, through a TCP relay that loses the claim's
 * reply once: Redis ran the script (the run is taken, `taken` is on its stream), the connection drops
 * before the answer reaches the worker, ioredis connects again and sends the claim again. The worker
 * must read that it took the run (and carry it out), not that someone (itself) already had it.
 */
import net from 'node:net';
import {Redis} from 'ioredis';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {claimScript, claimTaker, runClaim} from '../../src/remote/claim-script.js';
import {redisOptions} from '../../src/remote/redis-options.js';
import {runKeys} from '../../src/remote/remote-keys.js';
import {encodeEvent} from '../../src/remote/run-events.js';
import {RedisServer} from '../helpers/redis-server.js';

let redis: RedisServer;

beforeAll(async () => {
	redis = await RedisServer.start();
}, 30_000);

afterAll(async () => {
	await redis?.remove();
});

/** Relays to Redis; the first reply after a command containing `trigger` is dropped with the connection. */
async function relayLosingOneReply(port: number, trigger: string): Promise<{port: number; dropped: () => boolean; close: () => void}> {
	let armed = false;
	let dropped = false;
	const sockets = new Set<net.Socket>();
	const server = net.createServer(client => {
		const upstream = net.connect(port, '127.0.0.1');
		sockets.add(client).add(upstream);
		client.on('data', data => {
			if (!dropped && data.includes(trigger)) {
				armed = true;
			}

			upstream.write(data);
		});
		upstream.on('data', data => {
			if (armed) {
				armed = false;
				dropped = true;
				client.destroy();
				upstream.destroy();
				return;
			}

			client.write(data);
		});
		client.on('error', () => undefined).on('close', () => upstream.destroy());
		upstream.on('error', () => undefined).on('close', () => client.destroy());
	});
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	return {
		port: (server.address() as net.AddressInfo).port,
		dropped: () => dropped,
		close() {
			for (const socket of sockets) {
				socket.destroy();
			}

			server.close();
		},
	};
}

describe('a claim whose reply is lost', () => {
	it('is answered on the resend as it was the first time: the run is the worker\'s, taken once', async () => {
		const keys = runKeys('claim-resend:1');
		const direct = new Redis(redis.url(), {maxRetriesPerRequest: null});
		// As on a box that ran a claim before: Redis knows the script, so the first send runs it.
		await direct.script('LOAD', claimScript);
		const relay = await relayLosingOneReply(redis.port, keys.claim);
		const worker = new Redis(`redis://127.0.0.1:${relay.port}/0`, {...redisOptions({url: '', shown: ''}), connectionName: 'sage-worker:test'});
		try {
			const taker = claimTaker('box-2:4242');
			const taken = encodeEvent({t: 'taken', at: Date.now(), worker: 'box-2:4242', s: 1});
			const claim = await runClaim(worker, [keys.claim, keys.cancel, keys.events], [taker, taken]);
			expect(relay.dropped()).toBe(true);
			const entries = await direct.xrange(keys.events, '-', '+');
			expect(entries).toHaveLength(1);
			expect(claim).toEqual({kind: 'ok', entryId: entries[0]![0]});

			// Another attempt (BullMQ handing the job out again) is still refused, naming the worker.
			const again = await runClaim(direct, [keys.claim, keys.cancel, keys.events], [claimTaker('box-3:77'), taken]);
			expect(again).toEqual({kind: 'claimed', by: 'box-2:4242'});
			expect(await direct.xlen(keys.events)).toBe(1);
		} finally {
			worker.disconnect();
			direct.disconnect();
			relay.close();
		}
	});
});

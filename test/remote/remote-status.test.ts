import {describe, expect, it} from 'vitest';
import type {RemoteView} from '../../src/protocol/snapshot.js';
import {redisLine, remoteLines} from '../../src/remote/remote-status.js';

const now = Date.parse('2026-12-04T02:00:00Z');
const remote: RemoteView = {
	redis: 'redis://10.0.0.5:6379/0',
	reachable: true,
	workers: [
		{name: 'gpu1:812', host: 'gpu1', pid: 812, queues: ['gpu'], concurrency: 2, online: true, stopping: false, startedAt: now - 3_600_000, lastSeenAt: now - 1000, runs: [{runId: 41, jobId: 'train_model'}]},
		{name: 'gpu2:97', host: 'gpu2', pid: 97, queues: ['gpu', 'heavy'], concurrency: 1, online: false, stopping: false, startedAt: now - 7_200_000, lastSeenAt: now - 95_000, runs: []},
	],
	queues: [{name: 'gpu', waiting: 3, active: 1, delayed: 0}],
};

describe('runs on workers in status', () => {
	it('says per worker its queues, state, runs (or free slots) and when it was last heard, online or not', () => {
		expect(remoteLines(remote, now)).toEqual([
			['gpu1:812', 'gpu', 'online', 'train_model#41', '1s ago'],
			['gpu2:97', 'gpu,heavy', 'offline', '0/2', '95s ago'],
		]);
		expect(redisLine(remote)).toBe('redis redis://10.0.0.5:6379/0 reachable · 1 worker online · gpu 3 waiting/1 running');
		expect(redisLine({...remote, reachable: false, problem: 'connect ECONNREFUSED'})).toBe('redis redis://10.0.0.5:6379/0 UNREACHABLE (connect ECONNREFUSED) · 1 worker online · gpu 3 waiting/1 running');
	});
});

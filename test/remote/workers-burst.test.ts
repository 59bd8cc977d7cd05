/**
 * Many runs on workers at once, with real parts (a redis-server, two real `sage-console worker`
 * processes, the scheduling host of a console). The console follows every queued run through one
 * news stream and reads only the runs with news: a burst of 200 runs all finish once, each with its
 * own log, every line once and in order.
 */
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {SchedulerHost} from '../../src/host/scheduler-host.js';
import type {TempRoot} from '../helpers/temp-root.js';
import {finished, ranLines, rowsOf} from './remote-fixtures.js';
import {openRemoteStage, type RemoteStage} from './remote-stage.js';

let stage: RemoteStage;
let root: TempRoot;
let host: SchedulerHost;

beforeAll(async () => {
	stage = await openRemoteStage({jobsYaml: `max_parallel: 256
jobs:
  - {id: quick, trigger: manual, module: jobs/steps.ts, params: {steps: 3, ms: 1}, run_on: workers, queue: burst, concurrency: allow}
  - {id: chatty, trigger: manual, module: jobs/steps.ts, params: {steps: 30, ms: 40}, run_on: workers, queue: burst}
`, workerArgs: ['--queues', 'burst', '--concurrency', '4']});
	({root, host} = stage);
}, 60_000);

afterAll(async () => {
	await stage?.close();
}, 30_000);

const messages = (logPath: string) => readFileSync(logPath, 'utf8').trim().split('\n').map(line => JSON.parse(line) as {msg: string; runId: number; i?: number});

describe('many runs on workers at once', () => {
	it('finishes a burst of 200 runs once each, each log holding its own lines once and in order', async () => {
		const ids = Array.from({length: 200}, () => {
			const submitted = host.scheduler.submit('quick');
			expect(submitted.ok).toBe(true);
			return submitted.run!.id;
		});
		const records = await Promise.all(ids.map(async id => finished(host, id, 120_000)));

		expect(records.map(record => record.status)).toEqual(ids.map(() => 'success'));
		for (const record of records) {
			const lines = messages(record.logPath!);
			expect(lines.map(line => line.msg)).toEqual(['run started', 'step', 'step', 'step', 'run success']);
			expect(lines.map(line => line.i).filter(i => i !== undefined)).toEqual([1, 2, 3]);
			expect(lines.every(line => line.runId === record.id)).toBe(true);
		}

		const ran = ranLines(root.dir).filter(([jobId]) => jobId === 'quick').map(([, runId]) => Number(runId));
		expect(ran.sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
		expect(rowsOf(root.dir, 'quick').filter(row => row.status === 'success')).toHaveLength(200);

		// The workers' own copies were emptied and kept for later runs, not left behind: at most one spare per slot.
		const left = readdirSync(path.join(root.dir, 'logs/worker')).filter(name => name !== 'sage-console.log');
		expect(left.filter(name => !name.startsWith('.spare-'))).toEqual([]);
		expect(left.length).toBeLessThanOrEqual(2 * 4);
	}, 150_000);

});

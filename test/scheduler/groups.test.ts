import {describe, expect, it} from 'vitest';
import type {ConfigError} from '../../src/config/config-problem.js';
import { formatProblem} from '../../src/config/config-problem.js';
import {parseJobsConfig} from '../../src/config/load-jobs-config.js';
import {trackTestSchedulers, type TestScheduler} from '../helpers/test-scheduler.js';

const openScheduler = trackTestSchedulers();
let t: TestScheduler | undefined;

const groupsYaml = (mode: string, failing = false) => `max_parallel: 1
jobs:
  - {id: market_data, trigger: manual, command: ["true"]}
  - {id: features, trigger: manual, ${failing ? 'module: jobs/throws.ts' : 'command: ["true"]'}}
  - {id: report, trigger: manual, command: ["true"]}
groups:
  - id: daily_job
    name: 每日作业
    mode: ${mode}
    members: [market_data, features, report]
    trigger: manual
`;

describe('groups', () => {
	it('runs a sequential group member by member, even with max_parallel 1', async () => {
		t = openScheduler(groupsYaml('sequential'));
		t.scheduler.start();
		const group = t.scheduler.submit('daily_job', {tradeDate: '2026-11-20'});
		const run = await t.scheduler.whenFinished(group.ok ? group.run.id : 0);
		expect(run?.status).toBe('success');
		expect(t.started.map(started => [started.jobId, started.trigger])).toEqual([
			['daily_job', 'manual'], ['market_data', 'group'], ['features', 'group'], ['report', 'group'],
		]);
		expect(t.finished.filter(finished => finished.trigger === 'group').every(finished => finished.tradeDate === '2026-11-20')).toBe(true);
		expect((await t!.stored(run!.id))?.message).toBe('3/3 members');
	});

	it('stops a sequential group at the failed member and names it as the cause', async () => {
		t = openScheduler(groupsYaml('sequential', true));
		t.scheduler.start();
		const group = t.scheduler.submit('daily_job');
		const run = await t.scheduler.whenFinished(group.ok ? group.run.id : 0);
		expect(run).toMatchObject({status: 'failed', error: {type: 'GroupMemberFailed', message: 'features failed: DataFeedError: feed returned 502 for 600519.SH'}});
		expect(t.started.map(started => started.jobId)).not.toContain('report');
	});

	it('starts every member of a parallel group and fails when one fails', async () => {
		t = openScheduler(groupsYaml('parallel', true).replace('max_parallel: 1', 'max_parallel: 4'));
		t.scheduler.start();
		const group = t.scheduler.submit('daily_job');
		const run = await t.scheduler.whenFinished(group.ok ? group.run.id : 0);
		expect(run?.status).toBe('failed');
		expect(t.finished.filter(finished => finished.trigger === 'group').map(finished => finished.jobId).sort()).toEqual(['features', 'market_data', 'report']);
	});

	it('rejects unknown members and groups inside groups, with positions', () => {
		const yaml = `jobs:
  - {id: a, trigger: manual, command: ["true"]}
groups:
  - {id: g1, members: [a, ghost], trigger: manual}
  - {id: g2, members: [g1], trigger: manual}
  - {id: g3, trigger: manual}
  - {id: g4, members: [a], trigger: manual, mode: sideways}
`;
		let problems: string[] = [];
		try {
			parseJobsConfig(yaml, 'jobs.yaml', '/');
		} catch (error) {
			problems = (error as ConfigError).problems.map(problem => formatProblem(problem));
		}

		expect(problems).toEqual([
			'jobs.yaml:4:23: members names unknown job "ghost"',
			'jobs.yaml:5:23: group "g2" cannot contain the group "g1": members are jobs',
			'jobs.yaml:6:5: a group needs members: [job ids]',
			'jobs.yaml:7:51: mode must be one of sequential, parallel, not "sideways"',
		]);
	});
});

describe('backfill', () => {
	it('queues one run per trading day, oldest first, skipping weekends and holidays', async () => {
		t = openScheduler('jobs:\n  - {id: bars, trigger: manual, command: ["true"]}\n');
		t.scheduler.start();
		const results = t.scheduler.backfill('bars', '2026-09-29', '2026-10-09');
		for (const result of results) {
			await t.scheduler.whenFinished(result.ok ? result.run.id : 0);
		}

		expect(t.finished.map(run => [run.trigger, run.tradeDate, run.status])).toEqual([
			['backfill', '2026-09-29', 'success'], ['backfill', '2026-09-30', 'success'], ['backfill', '2026-10-08', 'success'], ['backfill', '2026-10-09', 'success'],
		]);
	});
});

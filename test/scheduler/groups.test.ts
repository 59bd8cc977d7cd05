import {describe, expect, it} from 'vitest';
import type {ConfigError} from '../../src/config/config-problem.js';
import { formatProblem} from '../../src/config/config-problem.js';
import {parseJobsConfig} from '../../src/config/load-jobs-config.js';
import {trackTestSchedulers, type TestScheduler} from '../helpers/test-scheduler.js';
import {waitFor} from '../helpers/wait-for.js';
import {makeTempRoot, testJobs} from '../helpers/temp-root.js';

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

	const retryYaml = (mode: string, module = 'jobs/flaky.ts') => `max_parallel: 4
jobs:
  - {id: gm_flaky, trigger: manual, module: ${module}, retries: 1, retry_backoff: 1s}
  - {id: m3, trigger: manual, command: ["true"]}
groups:
  - {id: g_retry, mode: ${mode}, members: [gm_flaky, m3], trigger: manual}
`;
	const flakyJob = 'export default async function run(ctx: any) { if (ctx.attempt < 2) throw new Error(`flaky attempt ${ctx.attempt}`); return {attempt: ctx.attempt}; }\n';

	/** Runs g_retry until gm_flaky's first attempt has failed; the group must still be running then. */
	const firstAttemptFailed = async (mode: string, module?: string) => {
		t = openScheduler(retryYaml(mode, module), {root: makeTempRoot({...testJobs, 'jobs/flaky.ts': flakyJob})});
		t.scheduler.start();
		const group = t.scheduler.submit('g_retry');
		const groupId = group.ok ? group.run.id : 0;
		await waitFor(() => t!.ended.some(run => run.jobId === 'gm_flaky' && run.attempt === 1), 20_000, 'the first attempt of gm_flaky');
		expect(t.scheduler.getRun(groupId)?.status).toBe('running');
		return groupId;
	};

	it('waits for a member\'s retry: a sequential group goes on with the next member when the retry succeeds', async () => {
		const groupId = await firstAttemptFailed('sequential');
		t!.clock.advance(1000);
		const run = await t!.scheduler.whenFinished(groupId);
		expect(run?.status).toBe('success');
		expect(t!.started.map(started => [started.jobId, started.trigger, started.attempt])).toEqual([
			['g_retry', 'manual', 1], ['gm_flaky', 'group', 1], ['gm_flaky', 'retry', 2], ['m3', 'group', 1],
		]);
	});

	it('fails a sequential group only when the member\'s last attempt fails, naming that failure', async () => {
		const groupId = await firstAttemptFailed('sequential', 'jobs/throws.ts');
		t!.clock.advance(1000);
		const run = await t!.scheduler.whenFinished(groupId);
		expect(run).toMatchObject({status: 'failed', error: {type: 'GroupMemberFailed', message: 'gm_flaky failed: DataFeedError: feed returned 502 for 600519.SH'}});
		expect(t!.started.map(started => [started.jobId, started.attempt])).toEqual([['g_retry', 1], ['gm_flaky', 1], ['gm_flaky', 2]]);
	});

	it('waits for a member\'s retry in a parallel group too', async () => {
		const groupId = await firstAttemptFailed('parallel');
		t!.clock.advance(1000);
		const run = await t!.scheduler.whenFinished(groupId);
		expect(run?.status).toBe('success');
		expect(run?.result).toMatchObject({members: [{job: 'gm_flaky', status: 'success'}, {job: 'm3', status: 'success'}]});
	});

	it('cancelling a group while a member waits for its retry drops the retry', async () => {
		const groupId = await firstAttemptFailed('sequential');
		expect(t!.scheduler.cancel(groupId).ok).toBe(true);
		const run = await t!.scheduler.whenFinished(groupId);
		expect(run?.status).toBe('cancelled');
		t!.clock.advance(5000);
		expect(t!.started.map(started => started.jobId)).toEqual(['g_retry', 'gm_flaky']);
	});

	it('a member removed from the config while it waits for its retry: the retry is dropped and said so, the group fails instead of waiting forever', async () => {
		const groupId = await firstAttemptFailed('sequential');
		t!.scheduler.reload(parseJobsConfig(retryYaml('sequential').replace(/^ {2}- \{id: gm_flaky.*\n/m, '').replace('members: [gm_flaky, m3]', 'members: [m3]'), 'config/jobs.yaml', t!.root.dir));
		t!.clock.advance(1000);
		const run = await t!.scheduler.whenFinished(groupId);
		expect(run).toMatchObject({status: 'failed', error: {type: 'GroupMemberFailed'}});
		expect(t!.scheduler.tail.newest(200).map(line => line.msg)).toContain('gm_flaky: attempt 2 not run: the job was removed from the config');
		expect(t!.started.map(started => started.jobId)).toEqual(['g_retry', 'gm_flaky']);
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

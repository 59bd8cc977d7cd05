/** jobs.yaml's `redis:` and per-job `run_on: workers` / `workers:`: typed when right, positioned problems when not. */
import {describe, expect, it} from 'vitest';
import {parseJobsConfig} from '../../src/config/load-jobs-config.js';
import {oneModuleRootEach} from '../helpers/one-module-root-each.js';

const {dir, problemsOf} = oneModuleRootEach();

describe('runs on workers in jobs.yaml', () => {
	it('reads redis as a URL or with a password file, and run_on with its worker queue', () => {
		const config = parseJobsConfig(`redis: redis://10.0.0.5:6379/0
jobs:
  - {id: backtest, trigger: manual, module: jobs/a.ts, run_on: workers, queue: analysis, timeout: 2h, retries: 1}
  - {id: train, trigger: manual, module: jobs/a.ts, run_on: workers, workers: gpu}
  - {id: here, trigger: manual, module: jobs/a.ts, run_on: local}
`, 'config/jobs.yaml', dir());
		expect(config.redis).toEqual({url: 'redis://10.0.0.5:6379/0'});
		expect(config.jobs.map(job => [job.id, job.runOn, job.workerQueue, job.queue, job.timeoutMs])).toEqual([
			['backtest', 'workers', undefined, 'analysis', 7_200_000],
			['train', 'workers', 'gpu', 'default', undefined],
			['here', undefined, undefined, 'default', undefined],
		]);
		const withFile = parseJobsConfig('redis: {url: "rediss://cache.internal:6380/2", password_file: config/redis.pass}\njobs: []\n', 'config/jobs.yaml', dir());
		expect(withFile.redis).toEqual({url: 'rediss://cache.internal:6380/2', passwordFile: 'config/redis.pass'});
	});

	it('refuses a password in the URL, a bad URL, run_on without redis and unusable queue names, with positions', () => {
		expect(problemsOf('redis: redis://:hunter2@h:6379/0\njobs: []\n')).toEqual([
			'config/jobs.yaml:1:8: a Redis password does not belong in jobs.yaml: set SAGE_REDIS_PASSWORD or name a 0600 password_file',
		]);
		expect(problemsOf('redis: http://h:6379\njobs: []\n')[0]).toContain('is not a Redis URL');
		expect(problemsOf('redis: redis://h:6379/zero\njobs: []\n')[0]).toContain('the path is the database number');
		expect(problemsOf('jobs:\n  - {id: a, trigger: manual, module: jobs/a.ts, run_on: workers}\n')).toEqual([
			'config/jobs.yaml:2:57: run_on: workers needs a top-level redis: URL (redis://host:6379/0)',
		]);
		expect(problemsOf(`redis: redis://h/0
jobs:
  - {id: a, trigger: manual, module: jobs/a.ts, workers: gpu}
  - {id: b, trigger: manual, module: jobs/a.ts, run_on: workers, queue: "a:b"}
  - {id: c, trigger: manual, module: jobs/a.ts, run_on: elsewhere}
`)).toEqual([
			'config/jobs.yaml:3:49: workers names the worker queue of a job with run_on: workers',
			'config/jobs.yaml:4:73: worker queue "a:b" may use only letters, digits, _ and - (at most 64)',
			'config/jobs.yaml:5:57: run_on must be one of local, workers, not "elsewhere"',
		]);
	});
});

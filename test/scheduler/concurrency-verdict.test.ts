import {describe, expect, it} from 'vitest';
import {parseJobsConfig} from '../../src/config/load-jobs-config.js';
import {concurrencyVerdict} from '../../src/core/concurrency-verdict.js';

const job = (policy: string) => parseJobsConfig(`jobs:\n  - {id: j, cron: "* * * * *", command: ["true"], concurrency: ${policy}}\n`, 'x', '/').jobs[0]!;

describe('what a new run does when its job is busy', () => {
	it('follows the policy for scheduled runs', () => {
		expect(concurrencyVerdict(job('skip'), 'schedule', 1, false)).toEqual({action: 'skip', reason: 'previous run still going (concurrency: skip)'});
		expect(concurrencyVerdict(job('queue'), 'schedule', 1, false)).toEqual({action: 'enqueue'});
		expect(concurrencyVerdict(job('queue'), 'schedule', 1, true)).toEqual({action: 'skip', reason: 'a run is already waiting (concurrency: queue)'});
		expect(concurrencyVerdict(job('replace'), 'schedule', 1, false)).toEqual({action: 'replace'});
		expect(concurrencyVerdict(job('allow'), 'schedule', 3, true)).toEqual({action: 'enqueue'});
	});

	it('never skips owed work (catch-up, backfill, retry, group members) and never blocks an idle job', () => {
		for (const trigger of ['catch-up', 'backfill', 'retry', 'group'] as const) {
			expect(concurrencyVerdict(job('skip'), trigger, 1, true)).toEqual({action: 'enqueue'});
		}

		expect(concurrencyVerdict(job('skip'), 'manual', 0, false)).toEqual({action: 'enqueue'});
	});
});

/**
 * A jobs.yaml edit that changes a setting the running scheduler applies at once (max_parallel, a
 * queue's limit, retention, shutdown) says so in the reload line: `max_parallel 4 → 1`. It said
 * `config reloaded: 0 added, 0 removed, 0 changed`, as if the edit had done nothing, while the next
 * run already waited for the one slot left.
 */
import {describe, expect, it} from 'vitest';
import {parseJobsConfig} from '../../src/config/load-jobs-config.js';
import {trackTestSchedulers} from '../helpers/test-scheduler.js';

const openScheduler = trackTestSchedulers();
const jobs = 'jobs:\n  - {id: a, trigger: manual, command: ["true"]}\n';

describe('reloading a setting', () => {
	it('names the settings changed in the reload line, old and new', () => {
		const t = openScheduler(`max_parallel: 4\nqueues:\n  data: 2\n${jobs}`);
		t.scheduler.start();
		t.scheduler.reload(parseJobsConfig(`max_parallel: 1\nqueues:\n  data: 1\nshutdown: cancel\nretention:\n  runs_days: 30\n${jobs}`, 'config/jobs.yaml', t.root.dir));
		const reloaded = t.logger.lines.map(line => line.msg).filter(msg => msg.startsWith('config reloaded'));
		expect(reloaded).toEqual(['config reloaded: 0 added, 0 removed, 0 changed; max_parallel 4 → 1, queues data: 2 → 1, runs_days 90 → 30, shutdown wait → cancel']);
	});

	it('says nothing of settings when only jobs changed', () => {
		const t = openScheduler(`max_parallel: 4\n${jobs}`);
		t.scheduler.start();
		t.scheduler.reload(parseJobsConfig(`max_parallel: 4\n${jobs}  - {id: b, trigger: manual, command: ["true"]}\n`, 'config/jobs.yaml', t.root.dir));
		expect(t.logger.lines.map(line => line.msg).filter(msg => msg.startsWith('config reloaded'))).toEqual(['config reloaded: 1 added, 0 removed, 0 changed (+ b)']);
	});

	it('says nothing changed when nothing did (a reload of the file the watcher applied a moment before)', () => {
		const t = openScheduler(`max_parallel: 4
${jobs}`);
		t.scheduler.start();
		t.scheduler.reload(parseJobsConfig(`max_parallel: 4
${jobs}`, 'config/jobs.yaml', t.root.dir));
		expect(t.logger.lines.map(line => line.msg).filter(msg => msg.startsWith('config reloaded'))).toEqual(['config reloaded: nothing changed']);
	});
});

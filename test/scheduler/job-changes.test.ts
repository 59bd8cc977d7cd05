import {describe, expect, it} from 'vitest';
import {parseJobsConfig} from '../../src/config/load-jobs-config.js';
import {describeJobChanges, jobChanges} from '../../src/scheduler/job-changes.js';

const jobsOf = (yaml: string) => parseJobsConfig(`jobs:\n${yaml}`, 'jobs.yaml', '/').jobs;

describe('a reload\'s job changes', () => {
	it('names the jobs added, removed and changed while they are few, and counts the rest', () => {
		const before = jobsOf('  - {id: a, trigger: manual, command: ["true"]}\n  - {id: b, trigger: manual, command: ["true"]}\n');
		const after = jobsOf('  - {id: a, trigger: manual, command: ["false"]}\n  - {id: c, trigger: manual, command: ["true"]}\n');
		const changes = jobChanges(before, after);
		expect(changes).toEqual({added: ['c'], removed: ['b'], changed: ['a']});
		expect(describeJobChanges(changes)).toBe('1 added, 1 removed, 1 changed (+ c; - b; ~ a)');
		expect(describeJobChanges(jobChanges(after, after))).toBe('0 added, 0 removed, 0 changed');
		const many = Array.from({length: 7}, (_, index) => `j${index}`);
		expect(describeJobChanges({added: many, removed: [], changed: []})).toBe('7 added, 0 removed, 0 changed (+ j0, j1, j2, j3, j4 and 2 more)');
	});
});

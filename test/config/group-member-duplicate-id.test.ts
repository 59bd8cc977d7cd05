/**
 * A group whose id repeats a job's is told as the duplicate id it is, once: the job of that id named
 * in a group's members is the job, not the group. validate added 'group "sync" cannot contain the group
 * "sync": members are jobs' at every group listing the job, sending the operator after a nesting that
 * was never written. The built CLI's `validate`.
 */
import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

const jobsYaml = `jobs:
  - {id: sync, cron: "30 16 * * 1-5", command: ["true"]}
  - {id: report, trigger: manual, command: ["true"]}
groups:
  - {id: sync, members: [sync, report], cron: "0 17 * * 1-5"}
  - {id: evening, members: [sync, report], cron: "0 18 * * 1-5"}
`;

describe('a group with a job id', () => {
	it('is one problem, the duplicate id, and no group is said to contain a group', () => {
		const root = makeTempRoot({'config/jobs.yaml': jobsYaml});
		try {
			const result = runCli(['validate', '--root', root.dir]);
			expect(result.code).toBe(1);
			expect(result.stderr.split('\n').filter(line => line.includes('jobs.yaml:')).map(line => line.slice(line.indexOf('config/jobs.yaml')))).toEqual([
				'config/jobs.yaml:5:10: duplicate job id "sync" (first defined at line 2)',
			]);
		} finally {
			root.remove();
		}
	});
});

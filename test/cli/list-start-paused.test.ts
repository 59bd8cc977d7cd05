/**
 * `list` on a job jobs.yaml starts paused (`paused: true`): the scheduler starts it paused until an
 * operator resumes it, so list says `paused` until one has (the history then holds the pause state).
 */
import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

const jobsYaml = `jobs:
  - {id: tick, cron: "0 9 * * *", command: ["true"]}
  - {id: bars, cron: "30 16 * * *", command: ["true"], paused: true}
`;

describe('list with a job that starts paused', () => {
	it('says paused before any scheduler ran, in the table and in --json', () => {
		const root = makeTempRoot({'config/jobs.yaml': jobsYaml});
		try {
			const table = runCli(['list', '--root', root.dir]);
			expect(table.code).toBe(0);
			expect(table.stdout).toMatch(/^tick .* active$/m);
			expect(table.stdout).toMatch(/^bars .* paused$/m);

			const json = JSON.parse(runCli(['list', '--json', '--root', root.dir]).stdout) as Array<{id: string; paused: boolean}>;
			expect(json.map(job => [job.id, job.paused])).toEqual([['tick', false], ['bars', true]]);
		} finally {
			root.remove();
		}
	});
});

/**
 * start_date, end_date and jitter as the operator meets them in the built CLI: `validate` warns of a job
 * past its end_date, `list` shows it as never firing, `plan` shows the schedule's times with the jitter
 * beside them, and a wrong bound fails validate with file:line:col.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';

let root: TempRoot | undefined;
afterEach(() => {
	root?.remove();
	root = undefined;
});

const jobsYaml = `timezone: Asia/Shanghai
jobs:
  - id: old_sync
    cron: "30 16 * * 1-5"
    end_date: "2020-06-30 18:00"
    command: ["true"]
  - id: campaign
    trigger: cron
    day_of_week: mon-fri
    hour: 9
    minute: 30
    start_date: "2026-11-23"
    end_date: "2026-11-25 09:30:00"
    jitter: 30
    command: ["true"]
  - id: poll
    trigger: interval
    hours: 6
    start_date: "2026-11-24 03:00:00"
    end_date: "2026-11-24T21:00:00+08:00"
    jitter: 2.5
    command: ["true"]
`;

describe('start_date, end_date and jitter in the CLI', () => {
	it('validate warns that a job past its end_date never fires again, and list shows it as never', () => {
		root = makeTempRoot({'config/jobs.yaml': jobsYaml});
		const validate = runCli(['validate', '--root', root.dir]);
		expect(validate.code).toBe(0);
		expect(validate.stderr).toContain('config/jobs.yaml:5:15: warning: never fires again: end_date 2020-06-30T18:00:00+08:00 has passed');

		const list = JSON.parse(runCli(['list', '--json', '--from', '2026-11-23T00:00:00+08:00', '--count', '5', '--root', root.dir]).stdout) as Array<{id: string; schedule: string; next: string[]; never?: boolean}>;
		expect(list.find(job => job.id === 'old_sync')).toMatchObject({next: [], never: true});
		expect(list.find(job => job.id === 'campaign')).toMatchObject({
			schedule: 'Mon-Fri 09:30 · until 2026-11-25 09:30',
			next: ['2026-11-23T09:30:00+08:00', '2026-11-24T09:30:00+08:00', '2026-11-25T09:30:00+08:00'],
		});
		expect(list.find(job => job.id === 'poll')!.next).toEqual(['2026-11-24T03:00:00+08:00', '2026-11-24T09:00:00+08:00', '2026-11-24T15:00:00+08:00', '2026-11-24T21:00:00+08:00']);
		expect(runCli(['list', '--from', '2026-11-23T00:00:00+08:00', '--root', root.dir]).stdout).toMatch(/^old_sync .* never /m);
	});

	it('plan shows the schedule\'s times and says how much jitter may delay them', () => {
		root = makeTempRoot({'config/jobs.yaml': jobsYaml});
		const plan = runCli(['plan', '--date', '2026-11-24', '--root', root.dir]).stdout;
		expect(plan).toMatch(/^ {2}09:30 {2}campaign {2}Mon-Fri 09:30 · until 2026-11-25 09:30 {2}\+ up to 30s jitter$/m);
		expect(plan).toMatch(/^ {2}03:00 {2}poll {2,}every 6h · until 2026-11-24 21:00 {2}\+ up to 2\.5s jitter$/m);
		expect(plan).not.toContain('old_sync');
		const json = JSON.parse(runCli(['plan', '--date', '2026-11-24', '--json', '--root', root.dir]).stdout) as {jobs: Array<{id: string; fires: string[]; jitter_seconds?: number}>};
		expect(json.jobs).toEqual([
			{id: 'old_sync', fires: [], skipped_by_calendar: false},
			{id: 'campaign', fires: ['09:30:00'], skipped_by_calendar: false, jitter_seconds: 30},
			{id: 'poll', fires: ['03:00:00', '09:00:00', '15:00:00', '21:00:00'], skipped_by_calendar: false, jitter_seconds: 2.5},
		]);
		// After the end_date, nothing of the job is planned.
		expect(JSON.parse(runCli(['plan', '--date', '2026-11-26', '--json', '--root', root.dir]).stdout)).toMatchObject({jobs: [{id: 'old_sync', fires: []}, {id: 'campaign', fires: []}, {id: 'poll', fires: []}]});
	});

	it('validate refuses an end_date before the start_date and a wrong jitter, each at its line', () => {
		root = makeTempRoot({'config/jobs.yaml': 'jobs:\n  - id: ported\n    trigger: interval\n    minutes: 5\n    start_date: "2026-12-01 09:00"\n    end_date: "2026-11-30 15:00"\n    jitter: -3\n    command: ["true"]\n'});
		const validate = runCli(['validate', '--root', root.dir]);
		expect(validate.code).not.toBe(0);
		expect(validate.stderr).toContain('config/jobs.yaml:6:15: end_date 2026-11-30 15:00 (2026-11-30T15:00:00+08:00) is before start_date 2026-12-01 09:00 (2026-12-01T09:00:00+08:00): the job could never fire');
		expect(validate.stderr).toContain('config/jobs.yaml:7:13: jitter must be a number of seconds, 0 or more, not -3');
	});
});

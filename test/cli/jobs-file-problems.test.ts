/**
 * config/jobs.yaml broken the ways an operator breaks it, read by the built CLI: every problem says
 * where (FILE:LINE:COL) and what, in words that point at the mistake.
 */
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {testJobs} from '../helpers/temp-root.js';

const processes = trackHeadlessProcesses();

describe('config/jobs.yaml problems, as validate and the scheduler say them', () => {
	it('an empty file, or one of comments only, is said to be empty (not "the top level must be a mapping")', () => {
		const root = processes.makeRoot({'config/jobs.yaml': ''});
		const empty = runCli(['validate'], {cwd: root.dir});
		expect(empty.code).toBe(1);
		expect(empty.stderr).toBe('config/jobs.yaml:1:1: the file is empty (or only comments): it needs a jobs: list\n1 problem; nothing was loaded from this file\n');

		root.write('config/jobs.yaml', '# the jobs go here\n\n');
		const comments = runCli(['validate'], {cwd: root.dir});
		expect(comments.code).toBe(1);
		expect(comments.stderr).toBe('config/jobs.yaml:1:1: the file is empty (or only comments): it needs a jobs: list\n1 problem; nothing was loaded from this file\n');
	});

	it('every wrong APScheduler field of a job is named at once, each at its position, not only the first', () => {
		const root = processes.makeRoot({'config/jobs.yaml': `jobs:
  - id: morning
    trigger: cron
    day_of_week: funday
    hour: 25
    minute: "*/70"
    second: 1.5x
    command: ["true"]
  - id: evening
    trigger: cron
    day_of_week: mon-fri/2
    hour: [18]
    command: ["true"]
`});
		const validate = runCli(['validate'], {cwd: root.dir});
		expect(validate.code).toBe(1);
		expect(validate.stderr).toBe([
			'config/jobs.yaml:4:18: "funday" is not a weekday name (mon, tue, wed, thu, fri, sat, sun)',
			'config/jobs.yaml:5:11: hour 25 in "25" is outside 0-23',
			'config/jobs.yaml:6:13: the step 70 in "*/70" is larger than the minute range it steps through (59)',
			'config/jobs.yaml:7:13: "1.5x" is not a second expression (a value 0-59, a-b, */n, a-b/n or a list)',
			'config/jobs.yaml:11:18: "mon-fri/2": APScheduler 3 ignores "/2" after a weekday name, so it would mean "mon-fri" there; write "0-4/2" or list the values',
			'config/jobs.yaml:12:11: hour must be a number or an expression such as "1-5" or "*/2"',
			'6 problems; nothing was loaded from this file',
			'',
		].join('\n'));
	});

	it('a duration or size written as a list or mapping is said so, not as text that reads like a good value ("30s" is not a duration)', () => {
		const root = processes.makeRoot({'config/jobs.yaml': `shutdown_grace: [30s]
jobs:
  - id: a
    cron: "0 9 * * *"
    command: ["true"]
    timeout: [1]
    retry_backoff: {s: 1}
    max_memory: [512mb]
  - id: b
    cron: "0 9 * * *"
    command: ["true"]
    timeout: 20x
`});
		const validate = runCli(['validate'], {cwd: root.dir});
		expect(validate.code).toBe(1);
		expect(validate.stderr).toBe([
			'config/jobs.yaml:1:17: shutdown_grace must be a duration (500ms, 30s, 20m, 1h30m, 2d), not ["30s"]',
			'config/jobs.yaml:6:14: timeout must be a duration (500ms, 30s, 20m, 1h30m, 2d), not [1]',
			'config/jobs.yaml:7:20: retry_backoff must be a duration (500ms, 30s, 20m, 1h30m, 2d), not {"s":1}',
			'config/jobs.yaml:8:17: max_memory must be a size (512mb, 2gb), not ["512mb"]',
			'config/jobs.yaml:12:14: timeout "20x" is not a duration (use 500ms, 30s, 20m, 1h30m, 2d)',
			'5 problems; nothing was loaded from this file',
			'',
		].join('\n'));
	});

	it('a command job\'s cwd that is not a folder is a positioned warning from validate (the file loads), not an OK that every run then fails', () => {
		const root = processes.makeRoot({'config/jobs.yaml': `jobs:
  - id: export_bars
    trigger: manual
    command: ["pwd"]
    cwd: scripts/out
  - id: here
    trigger: manual
    command: ["pwd"]
    cwd: config
`});
		const validate = runCli(['validate'], {cwd: root.dir});
		expect(validate.code).toBe(0);
		expect(validate.stdout).toContain('OK: config/jobs.yaml (2 jobs, 2 enabled); 1 warning;');
		expect(validate.stderr).toBe(`config/jobs.yaml:5:10: warning: cwd scripts/out is not a folder here (${root.dir}/scripts/out): every run fails with WorkingDirectoryMissing until it is\n`);
		const run = runCli(['run', 'export_bars'], {cwd: root.dir});
		expect(run.code).toBe(1);
		expect(run.stdout).toContain(`WorkingDirectoryMissing: working directory ${root.dir}/scripts/out does not exist`);
	});

	it('a missing jobs.yaml of a root outside the working directory is named by its full path, as its other problems are (not ../../)', () => {
		const root = processes.makeRoot();
		const elsewhere = processes.makeRoot();
		const validate = runCli(['validate', '--root', root.dir], {cwd: elsewhere.dir});
		expect(validate.code).toBe(1);
		expect(validate.stderr).toMatch(new RegExp(`^${root.dir}/config/jobs\\.yaml:1:1: file not found \\(root ${root.dir}\\)`));
		root.write('config/jobs.yaml', 'jobs: []\nmax_parallel: 0\n');
		expect(runCli(['validate', '--root', root.dir], {cwd: elsewhere.dir}).stderr).toMatch(new RegExp(`^${root.dir}/config/jobs\\.yaml:2:15: max_parallel`));
	});

	it('a cron or field value starting with an unquoted * (a crontab habit) is told once, at the value, with the quotes it needs', () => {
		const root = processes.makeRoot({'config/jobs.yaml': `x-defaults: &defaults {timeout: 1m}
jobs:
  - id: quotes
    cron: */5 * * * *
    command: ["true"]
  - id: minutely
    cron: *   # every minute
    command: ["true"]
  - id: bars
    trigger: cron
    minute: */10
    command: ["true"]
    retries: *defualts
`});
		const validate = runCli(['validate'], {cwd: root.dir});
		expect(validate.code).toBe(1);
		expect(validate.stderr).toBe([
			'config/jobs.yaml:4:11: cron: */5 * * * * needs quotes, cron: "*/5 * * * *" (YAML reads a bare * as an alias)',
			'config/jobs.yaml:7:11: cron: * needs quotes, cron: "*" (YAML reads a bare * as an alias)',
			'config/jobs.yaml:11:13: minute: */10 needs quotes, minute: "*/10" (YAML reads a bare * as an alias)',
			// An alias meant as one, its anchor misspelt, keeps YAML's words.
			'config/jobs.yaml:13:14: unknown alias *defualts',
			'4 problems; nothing was loaded from this file',
			'',
		].join('\n'));
	});

	it('a line with no colon and space after its key is named with the fix, not "Implicit keys need to be on a single line"', () => {
		const root = processes.makeRoot();
		for (const [text, expected] of [
			['jobs:\n  - id: a\n    cron "0 9 * * *"\n    command: ["true"]\n', 'config/jobs.yaml:3:5: cron "0 9 * * *" is not key: value: a key needs a colon and a space after it (cron: "0 9 * * *")'],
			['jobs:\n  - id: a\n    command: ["true"]\n    cron:"0 9 * * *"\n', 'config/jobs.yaml:4:5: cron:"0 9 * * *" is not key: value: a key needs a colon and a space after it (cron: "0 9 * * *")'],
			['timezone Asia/Shanghai\njobs: []\n', 'config/jobs.yaml:1:1: timezone Asia/Shanghai is not key: value: a key needs a colon and a space after it (timezone: Asia/Shanghai)'],
		] as const) {
			root.write('config/jobs.yaml', text);
			const validate = runCli(['validate'], {cwd: root.dir});
			expect(validate.code).toBe(1);
			expect(validate.stderr).toBe(`${expected}\n1 problem; nothing was loaded from this file\n`);
		}
	});

	it('a group with no schedule is called a group, not a job', () => {
		const root = processes.makeRoot({'config/jobs.yaml': 'groups:\n  - id: daily\n    members: [a]\njobs:\n  - id: a\n    trigger: manual\n    command: ["true"]\n  - id: b\n    command: ["true"]\n'});
		expect(runCli(['validate'], {cwd: root.dir}).stderr).toBe([
			'config/jobs.yaml:2:5: group has no schedule: give cron:, trigger: (cron, interval, date or manual) or after:',
			'config/jobs.yaml:8:5: job has no schedule: give cron:, trigger: (cron, interval, date or manual) or after:',
			'2 problems; nothing was loaded from this file',
			'',
		].join('\n'));
	});

	it('a module job\'s env, cwd and shell are warnings at their keys (a module job takes none of them), not silently dropped', () => {
		const root = processes.makeRoot({...testJobs, 'config/jobs.yaml': `jobs:
  - id: bars
    trigger: manual
    module: jobs/ok.ts
    env: {TUSHARE_TOKEN: abc}
    cwd: data
    shell: true
`});
		const validate = runCli(['validate'], {cwd: root.dir});
		expect(validate.code).toBe(0);
		expect(validate.stdout).toContain('OK: config/jobs.yaml (1 job, 1 enabled); 3 warnings;');
		expect(validate.stderr).toBe([
			'config/jobs.yaml:5:10: warning: env applies to command jobs only: a module job runs with the scheduler\'s environment (give it values in params:)',
			'config/jobs.yaml:6:10: warning: cwd applies to command jobs only: a module job does not change folder (ctx.paths says where to read and write)',
			'config/jobs.yaml:7:12: warning: shell applies to command jobs only',
			'',
		].join('\n'));
	});

	it('a running scheduler given an emptied file says so and keeps the jobs it had firing', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: tick, cron: "* * * * * *", command: ["true"]}\n'});
		const scheduler = processes.start(root.dir);
		await schedulerStarted(scheduler);
		root.write('config/jobs.yaml', '');
		const reload = runCli(['reload', '--root', root.dir]);
		expect(reload.code).toBe(1);
		expect(reload.stderr).toMatch(/config\/jobs\.yaml:1:1: the file is empty \(or only comments\): it needs a jobs: list\nnot applied; the jobs loaded before keep running\n/);
		const ticks = () => (scheduler.output().stdout.match(/"jobId":"tick".*"msg":"run finished"/g) ?? []).length;
		const before = ticks();
		await waitFor(() => ticks() >= before + 2, 10_000, 'two more tick runs');
	}, 60_000);
});

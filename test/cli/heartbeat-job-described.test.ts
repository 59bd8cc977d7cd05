/**
 * A heartbeat job (`heartbeat: true`: an outside process pings in, nothing runs) is a job with its
 * schedule and "heartbeat", as the console and the API say it: `list` and `plan` read "Mon-Fri 18:00 ·
 * trading days · heartbeat", and `validate` counts it among the jobs. They said "… · parallel group of 0"
 * and counted it as a group ("1 job, 1 enabled; 1 group, 1 enabled"), since it loads with an empty group
 * as its target.
 */
import {describe, expect, it, onTestFinished} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

const jobs = [
	'timezone: Asia/Shanghai',
	'jobs:',
	'  - {id: py_macro_export, cron: "0 18 * * 1-5", calendar: trading-days, heartbeat: true, grace: 30m}',
	'  - {id: backup_db, cron: "30 2 * * *", command: ["true"]}',
	'',
].join('\n');

describe('a heartbeat job in list, plan and validate', () => {
	it('is a job whose schedule ends in "heartbeat", not a group of 0', () => {
		const root = makeTempRoot({'config/jobs.yaml': jobs});
		onTestFinished(() => {
			root.remove();
		});

		const list = runCli(['list', '--from', '2026-12-07'], {cwd: root.dir});
		expect(list.code).toBe(0);
		expect(list.stdout).toMatch(/^py_macro_export +py_macro_export +Mon-Fri 18:00 · trading days · heartbeat +2026-12-07 18:00:00\+08:00/m);
		expect(list.stdout).not.toContain('group');

		const plan = runCli(['plan', '--date', '2026-12-07'], {cwd: root.dir});
		expect(plan.code).toBe(0);
		expect(plan.stdout).toMatch(/^ {2}18:00 +py_macro_export +Mon-Fri 18:00 · trading days · heartbeat$/m);

		const validate = runCli(['validate'], {cwd: root.dir});
		expect(validate.code).toBe(0);
		expect(validate.stdout).toContain('OK: config/jobs.yaml (2 jobs, 2 enabled);');
	});
});

/**
 * `validate` and `list` on schedules that never fire, through the real CLI as src/ has it (the build when
 * current, else src/cli/main.tsx under tsx: never a build older than the source). Fixed instants:
 * `list --from`; `validate` judges "never" from now, so its never-firing cases are never at any time
 * (day 31 of February, a year long past).
 */
import {execFile} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {afterEach, describe, expect, it} from 'vitest';
import {currentCliArgs} from '../helpers/current-cli.js';

const run = promisify(execFile);
const cliArgs = currentCliArgs();
const repo = fileURLToPath(new URL('../..', import.meta.url));
/** Each call's project, removed after the test (a test may make several). */
const roots: string[] = [];

async function cli(jobsYaml: string, ...args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
	const root = mkdtempSync(path.join(os.tmpdir(), 'sage-validate-'));
	roots.push(root);
	mkdirSync(path.join(root, 'config'));
	writeFileSync(path.join(root, 'config/jobs.yaml'), jobsYaml);
	try {
		const {stdout, stderr} = await run(process.execPath, [...cliArgs, ...args, '--root', root], {cwd: repo});
		return {code: 0, stdout, stderr};
	} catch (error) {
		const failed = error as {code: number; stdout: string; stderr: string};
		return {code: failed.code, stdout: failed.stdout, stderr: failed.stderr};
	}
}

afterEach(() => {
	for (const root of roots.splice(0)) {
		rmSync(root, {recursive: true, force: true});
	}
});

const jobs = `timezone: Asia/Shanghai
jobs:
  - id: feb31
    command: ["true"]
    trigger: cron
    month: 2
    day: 31
  - id: long_ago
    command: ["true"]
    cron: "0 9 * * *"
    calendar: trading-days
    window: "20:00-21:00"
  - id: daily
    command: ["true"]
    cron: "30 16 * * *"
`;

describe('validate and list on a schedule that never fires', () => {
	it('validate prints each warning with its position and exits 0', async () => {
		const result = await cli(jobs, 'validate');
		expect(result.code).toBe(0);
		expect(result.stderr.split('\n').filter(Boolean).map(line => line.replace(/^.*jobs\.yaml:/, 'jobs.yaml:'))).toEqual([
			'jobs.yaml:7:10: warning: never fires: no month it allows (month 2) has day 31',
			'jobs.yaml:11:15: warning: never fires: none of its fire times falls on a trading day and inside its window',
		]);
		expect(result.stdout).toMatch(/^OK: .*jobs\.yaml \(3 jobs, 3 enabled\); 2 warnings; absent \(optional\): /);
	}, 60_000);

	it('validate on a file with errors prints its warnings too, each with its position', async () => {
		const result = await cli(`${jobs}  - id: no_pause
    command: ["true"]
    cron: "0 9 * * *"
    timeout: 0
`, 'validate');
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr.split('\n').filter(Boolean).map(line => line.replace(/^.*jobs\.yaml:/, 'jobs.yaml:'))).toEqual([
			'jobs.yaml:7:10: warning: never fires: no month it allows (month 2) has day 31',
			'jobs.yaml:11:15: warning: never fires: none of its fire times falls on a trading day and inside its window',
			'jobs.yaml:19:14: timeout must be above 0, not "0" (a bare number is seconds: 30 is 30s)',
			'1 problem; nothing was loaded from this file',
		]);
	}, 60_000);

	it('validate counts the services beside the jobs', async () => {
		const result = await cli(`jobs:
  - {id: daily, command: ["true"], cron: "30 16 * * *"}
services:
  - {id: collector, command: ["sleep", "60"], window: always}
  - {id: gateway, command: ["sleep", "60"], window: always, enabled: false}
`, 'validate');
		expect(result).toMatchObject({code: 0, stderr: ''});
		expect(result.stdout).toMatch(/^OK: .*jobs\.yaml \(1 job, 1 enabled; 2 services, 1 enabled\); absent \(optional\): /);
	}, 60_000);

	it('validate counts the groups apart from the jobs (a group loads as a job of its own, and was counted as one)', async () => {
		const result = await cli(`jobs:
  - {id: bars, command: ["true"], trigger: manual}
  - {id: report, command: ["true"], trigger: manual}
  - {id: spare, command: ["true"], trigger: manual, enabled: false}
groups:
  - {id: daily, members: [bars, report], cron: "30 16 * * *"}
  - {id: weekly, members: [report], cron: "0 18 * * 5", enabled: false}
`, 'validate');
		expect(result).toMatchObject({code: 0, stderr: ''});
		expect(result.stdout).toMatch(/^OK: .*jobs\.yaml \(3 jobs, 2 enabled; 2 groups, 1 enabled\); absent \(optional\): /);
	}, 60_000);

	it('list says "never" for it, in words and in JSON, and lists the others from --from on, --from included', async () => {
		const text = await cli(jobs, 'list', '--from', '2026-11-20T16:30:00+08:00');
		const rows = Object.fromEntries(text.stdout.split('\n').slice(1).filter(Boolean).map(line => [line.split(/\s+/)[0], line]));
		expect(rows.feb31).toContain('never');
		expect(rows.long_ago).toContain('never');
		expect(rows.daily).toContain('2026-11-20 16:30:00+08:00');

		const json = JSON.parse((await cli(jobs, 'list', '--json', '--from', '2026-11-20T16:30:00.250+08:00', '--count', '2')).stdout) as Array<{id: string; next: string[]; never?: boolean}>;
		expect(json.map(job => [job.id, job.next, job.never ?? false])).toEqual([
			['feb31', [], true],
			['long_ago', [], true],
			['daily', ['2026-11-21T16:30:00+08:00', '2026-11-22T16:30:00+08:00'], false],
		]);
	}, 60_000);

	it('list refuses a --from date that does not exist', async () => {
		const result = await cli(jobs, 'list', '--from', '2026-02-30T00:00:00+08:00');
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('--from 2026-02-30T00:00:00+08:00 is not a date: February 2026 has 28 days');
	}, 60_000);
});

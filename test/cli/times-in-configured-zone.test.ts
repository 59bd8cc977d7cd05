/**
 * The CLI shows times, and reads a bare day or a wall time, in the zone jobs.yaml's top-level `timezone`
 * names: the one the scheduler's "today" counts in (its run log days, today's counts). With
 * `timezone: America/New_York` on a box in London, a run at 03:30 UTC on Monday 7 December is of
 * Sunday 6 December, 22:30 (its log is `logs/jobs/20261206_001.log`); `run`, `logs`, `history` and
 * `show` printed it as Monday 11:30, Shanghai's time, and `plan` and `list --from` took a day as
 * Shanghai's. The headless scheduler's log lines were stamped in Shanghai's zone too.
 */
import {spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {binary, runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {atTime, hasFaketime} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

const jobsYaml = `timezone: America/New_York
jobs:
  - {id: nightly, cron: "45 22 * * *", command: ["true"]}
  - {id: boom, trigger: manual, command: ["sh", "-c", "echo hello; exit 3"]}
`;

/** The machine's own zone is neither the scheduler's nor the exchange's. */
const london = {env: {TZ: 'Europe/London'}};

/** The printed log lines and day headings, without the run's closing summary. */
const logPart = (stdout: string) => stdout.split('\n').filter(line => /^(── |\d\d:\d\d:\d\d )/.test(line));

describe('times in the scheduler\'s zone (jobs.yaml timezone: America/New_York)', () => {
	it.runIf(hasFaketime)('run, logs, history and show print a run of Sunday 22:30 in New York as such, alone and beside the scheduler', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		// Given 03:30 UTC on Mon 7 Dec: Sunday 22:30 in New York, Monday 11:30 in Shanghai
		const run = spawnSync(atTime('2026-12-07T03:30:00Z', `${binary} run boom --root ${root.dir}`), {shell: true, encoding: 'utf8', timeout: 60_000});
		expect(run.status).toBe(1);
		expect(run.stdout).toContain('logs/jobs/20261206_001.log');
		const printed = logPart(run.stdout);
		expect(printed.slice(0, 3)).toEqual([
			'── Sun 6 Dec 2026 ──',
			expect.stringMatching(/^22:30:0\d INFO {2}run started/),
			expect.stringMatching(/^22:30:0\d INFO {2}hello {2}stream=stdout$/),
		]);

		const [listed] = JSON.parse(runCli(['history', '--json', '--root', root.dir], london).stdout) as Array<Record<string, string>>;
		expect(listed!.scheduled_at).toMatch(/^2026-12-06T22:30:0\d(\.\d+)?-05:00$/);
		expect(listed!.finished_at).toMatch(/^2026-12-06T22:30:\d\d(\.\d+)?-05:00$/);
		expect(runCli(['history', '--root', root.dir], london).stdout).toMatch(/ failed {2}12-06 22:30:0\d /);
		expect(runCli(['show', '1', '--root', root.dir], london).stdout).toMatch(/^scheduled {3}12-06 22:30:0\d$/m);
		expect((JSON.parse(runCli(['show', '1', '--json', '--root', root.dir], london).stdout) as Record<string, string>).scheduled_at).toBe(listed!.scheduled_at);
		// A bare day is New York's: the run is of the 6th there, none of the 7th
		expect(runCli(['history', '--since', '2026-12-07', '--root', root.dir], london).stdout).toBe('no runs match\n');
		expect(runCli(['history', '--since', '2026-12-06', '--root', root.dir], london).stdout).toContain('12-06 22:30:0');

		const alone = runCli(['logs', '1', '--root', root.dir], london);
		expect(logPart(alone.stdout)).toEqual(printed);

		// Beside a running scheduler (the real clock): its log lines in New York's offset, logs through it as before
		const scheduler = processes.start(root.dir);
		await schedulerStarted(scheduler);
		await waitFor(() => /"time":"[^"]+"/.test(scheduler.output().stdout), 20_000, 'a log line');
		const stamps = [...scheduler.output().stdout.matchAll(/"time":"([^"]+)"/g)].map(match => match[1]);
		expect(stamps.length).toBeGreaterThan(0);
		for (const stamp of stamps) {
			expect(stamp).toMatch(/-0[45]:00$/);
		}

		expect(logPart(runCli(['logs', '1', '--root', root.dir], london).stdout)).toEqual(printed);
	}, 90_000);

	it('with jobs.yaml broken on disk, history reads the zone of the last good list the scheduler goes on with', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		await schedulerStarted(processes.start(root.dir));
		expect(runCli(['run', 'boom', '--root', root.dir], london).code).toBe(1);
		await waitFor(() => existsSync(path.join(root.dir, 'data/sage.last-good-jobs.yaml')), 20_000, 'the last good job list');
		// When an edit breaks jobs.yaml (the scheduler refuses it and keeps New York's list)
		root.write('config/jobs.yaml', 'timezone: America/New_York\njobs:\n  - {id: boom, trigger: manual, command: ["true"]\n');
		const [listed] = JSON.parse(runCli(['history', '--json', '--root', root.dir], london).stdout) as Array<Record<string, string>>;
		// Then history still shows New York's time, not the file's default (Shanghai)
		expect(listed!.scheduled_at).toMatch(/-05:00$/);
	}, 60_000);

	it('plan and list --from read a day, and a wall time, as New York\'s and show its times', () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		const plan = JSON.parse(runCli(['plan', '--date', '2026-12-07', '--json', '--root', root.dir], london).stdout) as {jobs: Array<{id: string; fires: string[]}>};
		expect(plan.jobs.find(job => job.id === 'nightly')?.fires).toEqual(['22:45:00']);
		expect(runCli(['plan', '--date', '2026-12-07', '--root', root.dir], london).stdout).toContain('\n  22:45  nightly  daily 22:45\n');

		const nextFrom = (from: string) => (JSON.parse(runCli(['list', '--json', '--from', from, '--root', root.dir], london).stdout) as Array<{id: string; next: string[]}>)
			.find(job => job.id === 'nightly')?.next[0];
		expect(nextFrom('2026-12-07')).toBe('2026-12-07T22:45:00-05:00');
		// 23:00 in New York, not in London (18:00 there)
		expect(nextFrom('2026-12-07T23:00')).toBe('2026-12-08T22:45:00-05:00');
		expect(nextFrom('2026-12-07T23:00Z')).toBe('2026-12-07T22:45:00-05:00');
	});
});

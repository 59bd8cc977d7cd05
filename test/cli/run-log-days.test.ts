/**
 * `run JOB` and `logs RUN` print each log line with its time of day only: a heading line
 * (`── Tue 8 Dec 2026 ──`, in the CLI's zone, Shanghai) comes before the first line and wherever the day
 * changes, so a run that crosses midnight, or a run of last week read today, says its days. Piped, as
 * here, each log line keeps its `HH:MM:SS LEVEL message` columns and the heading is a line of its own.
 */
import {spawnSync} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {binary, runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {atTime, hasFaketime} from '../helpers/tmux.js';

const processes = trackHeadlessProcesses();

/** The printed log lines and headings, without the run's closing summary (`run 1 …`, `result:`, `log:`). */
const logPart = (stdout: string) => stdout.split('\n').filter(line => /^(── |\d\d:\d\d:\d\d )/.test(line));

describe('run and logs say the day of a run log\'s lines', () => {
	it.runIf(hasFaketime)('a run that crosses midnight: a heading for the day it started and one where the day changes; logs prints the same, with and without a scheduler', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: late, trigger: manual, command: ["sh", "-c", "echo before midnight; sleep 13; echo after midnight"]}\n'});
		// Given the box's clock at 23:59:48 in Shanghai (15:59:48 UTC), the job's lines straddle midnight
		// however long the CLI takes to start the run, up to 11 s (a start at 23:59:58 with a 3 s job
		// wanted it within 2 s, and a loaded box takes 2-5 s)
		const run = spawnSync(atTime('2026-12-07T15:59:48Z', `${binary} run late --root ${root.dir}`), {shell: true, encoding: 'utf8', timeout: 60_000});
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
		const printed = logPart(run.stdout);
		expect(printed.map(line => line.replace(/ {2}(attempt|durationMs)=.*/, ''))).toEqual([
			'── Mon 7 Dec 2026 ──',
			expect.stringMatching(/^23:59:[45]\d INFO {2}run started$/),
			expect.stringMatching(/^23:59:[45]\d INFO {2}before midnight {2}stream=stdout$/),
			'── Tue 8 Dec 2026 ──',
			expect.stringMatching(/^00:00:[0-5]\d INFO {2}after midnight {2}stream=stdout$/),
			expect.stringMatching(/^00:00:[0-5]\d INFO {2}run success$/),
		]);

		// When the run is read back days later (the real clock), alone and through a scheduler
		const alone = runCli(['logs', '1', '--root', root.dir]);
		expect(alone.code).toBe(0);
		expect(alone.stdout.split('\n').filter(Boolean)).toEqual(printed);
		await schedulerStarted(processes.start(root.dir));
		const live = runCli(['logs', '1', '--root', root.dir]);
		expect(live.code).toBe(0);
		expect(live.stdout).toBe(alone.stdout);
	}, 60_000);

	it('logs of a run of last week starts with that day; a line of no time or no JSON gets no heading of its own', () => {
		const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: weekly, trigger: manual, command: ["echo", "report sent"]}\n'});
		expect(runCli(['run', 'weekly', '--root', root.dir]).code).toBe(0);
		const [shown] = JSON.parse(runCli(['history', '--json', '--root', root.dir]).stdout) as Array<{log_path: string}>;
		// Given its log as a run of Monday 30 November 2026 left it (09:30 and 16:05 Shanghai)
		const at = (iso: string) => Date.parse(iso);
		writeFileSync(shown!.log_path, [
			JSON.stringify({level: 30, time: at('2026-11-30T09:30:00+08:00'), msg: 'run started'}),
			JSON.stringify({level: 30, msg: 'a line with no time'}),
			'not json at all',
			JSON.stringify({level: 30, time: at('2026-11-30T16:05:00+08:00'), msg: 'report sent'}),
			JSON.stringify({level: 30, time: at('2026-11-30T16:05:01+08:00'), msg: 'run success'}),
		].join('\n') + '\n');
		expect(readFileSync(shown!.log_path, 'utf8')).toContain('report sent');

		const logs = runCli(['logs', '1', '--root', root.dir]);
		expect(logs.code).toBe(0);
		expect(logs.stdout).toBe([
			'── Mon 30 Nov 2026 ──',
			'09:30:00 INFO  run started',
			'         INFO  a line with no time',
			'not json at all',
			'16:05:00 INFO  report sent',
			'16:05:01 INFO  run success',
			'',
		].join('\n'));
	}, 60_000);
});

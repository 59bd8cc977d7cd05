/**
 * The marks the supervisor writes in a service's output file at each run's start and end give their
 * time in the scheduler's zone (jobs.yaml `timezone`, here America/New_York) with its offset, as the
 * process log does; they were in UTC (`…Z`). `logs RUN` of a service run still finds the run's lines by
 * those marks, and by the UTC marks of a file written before the change. Built CLI, a headless
 * scheduler and a real service restarted once.
 */
import {readFileSync, writeFileSync} from 'node:fs';
import {expect, it} from 'vitest';
import {readRuns} from '../helpers/history-file.js';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {serviceLogPath, serviceLogShows} from '../helpers/service-log.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const serviceProcesses = trackServiceProcesses();

const feedScript = '#!/bin/sh\nn=$(cat count 2>/dev/null || echo 0)\nn=$((n+1))\necho $n > count\necho "session $n: loading"\necho "session $n: listening"\nwhile :; do sleep 1; done\n';
const ownLines = (stdout: string) => stdout.split('\n').filter(line => line.startsWith('session '));
const markPattern = /^--- sage-console: run (\d+) of feed (started|ended) (\S+) ---$/gm;

it('writes a service run\'s marks in the scheduler\'s zone, and logs RUN finds its lines by them and by older UTC marks', async () => {
	const root = processes.makeRoot({'feed.sh': feedScript});
	serviceProcesses.watch(root.dir);
	root.write('config/jobs.yaml', `timezone: America/New_York
services:
  - id: feed
    command: ["sh", "${root.dir}/feed.sh"]
    cwd: ${root.dir}
    stop_timeout: 3s
`);
	const scheduler = processes.start(root.dir);
	await schedulerStarted(scheduler);
	const log = serviceLogPath(root.dir, 'feed');
	await serviceLogShows(root.dir, 'feed', 'session 1: listening', 'session 1');
	expect(runCli(['restart', 'feed', '--root', root.dir]).code).toBe(0);
	await serviceLogShows(root.dir, 'feed', 'session 2: listening', 'session 2');
	// Run 2's row is in history a moment after its mark is in the file (history writes are batched).
	const [first, second] = await waitFor(() => {
		const ids = readRuns(root.dir).filter(run => run.job_id === 'feed').map(run => run.id);
		return ids.length === 2 && ids;
	}, 20_000, 'both runs of feed in history');

	// Run 1's start and end, run 2's start: New York's offset (-05:00 in winter, -04:00 in summer), not Z.
	const marks = [...readFileSync(log, 'utf8').matchAll(markPattern)].map(([, runId, edge, time]) => ({runId: Number(runId), edge, time}));
	expect(marks.map(({runId, edge}) => `${runId} ${edge}`)).toEqual([`${first} started`, `${first} ended`, `${second} started`]);
	for (const {time} of marks) {
		expect(time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}-0[45]:00$/);
		// The same instant as the run's: within the test's few minutes of now.
		expect(Math.abs(Date.parse(time!) - Date.now())).toBeLessThan(10 * 60_000);
	}

	const firstRun = runCli(['logs', String(first), '--root', root.dir]);
	expect(firstRun.code).toBe(0);
	expect(ownLines(firstRun.stdout)).toEqual(['session 1: loading', 'session 1: listening']);
	expect(firstRun.stdout).toMatch(new RegExp(`run ${first} of feed ended \\S+-0[45]:00`));

	// A file written before marks followed the zone: its marks in UTC. The runs' lines are found by them
	// through the scheduler, and straight from the files once it stopped.
	const utc = readFileSync(log, 'utf8').replaceAll(markPattern, (_line, runId: string, edge: string, time: string) => `--- sage-console: run ${runId} of feed ${edge} ${new Date(Date.parse(time)).toISOString()} ---`);
	expect(utc).toMatch(/ started \S+Z ---$/m);
	writeFileSync(log, utc);
	expect(ownLines(runCli(['logs', String(first), '--root', root.dir]).stdout)).toEqual(['session 1: loading', 'session 1: listening']);
	scheduler.child.kill('SIGTERM');
	expect(await scheduler.exited).toBe(0);
	expect(ownLines(runCli(['logs', String(first), '--root', root.dir]).stdout)).toEqual(['session 1: loading', 'session 1: listening']);
	expect(ownLines(runCli(['logs', String(second), '--root', root.dir]).stdout)).toEqual(['session 2: loading', 'session 2: listening']);
}, 90_000);

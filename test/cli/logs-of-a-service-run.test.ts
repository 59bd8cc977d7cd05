/**
 * `sage-console logs RUN` of a service's run prints that run's lines only, though all of the service's
 * runs write `logs/services/<id>.log`: with the built CLI, a headless scheduler and a real service
 * restarted twice; through the scheduler and straight from the files once it stopped, and with lines
 * rotated away into `.1`, and out of the kept files.
 */
import {readFileSync, writeFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {headlessWithFeed} from '../helpers/headless-feed.js';
import {readRuns} from '../helpers/history-file.js';
import {runCli, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {serviceLogShows} from '../helpers/service-log.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const serviceProcesses = trackServiceProcesses();

/** The lines of `logs` that are the service's own (not the marks of runs). */
const ownLines = (stdout: string) => stdout.split('\n').filter(line => line.startsWith('session '));

describe('logs of a service run', () => {
	it('prints only that run\'s lines, and says when its start was rotated away', async () => {
		const feedScript = '#!/bin/sh\nn=$(cat count 2>/dev/null || echo 0)\nn=$((n+1))\necho $n > count\necho "session $n: loading"\necho "session $n: listening"\nwhile :; do sleep 1; done\n';
		const {root, scheduler, log} = await headlessWithFeed(processes, serviceProcesses, feedScript, {cwd: true, fields: ['stop_timeout: 3s']});
		for (const session of [1, 2, 3]) {
			await serviceLogShows(root.dir, 'feed', `session ${session}: listening`, `session ${session}`);
			if (session < 3) {
				expect(runCli(['restart', 'feed', '--root', root.dir]).code).toBe(0);
			}
		}

		const runs = readRuns(root.dir).filter(run => run.job_id === 'feed');
		expect(runs).toHaveLength(3);
		const [first, second, third] = runs.map(run => run.id);

		// Through the scheduler: the ended run in the middle, and the live one.
		const middle = runCli(['logs', String(second), '--root', root.dir]);
		expect(middle.code).toBe(0);
		expect(ownLines(middle.stdout)).toEqual(['session 2: loading', 'session 2: listening']);
		expect(middle.stdout).toContain(`run ${second} of feed started`);
		expect(middle.stdout).toContain(`run ${second} of feed ended`);
		expect(ownLines(runCli(['logs', String(third), '--root', root.dir]).stdout)).toEqual(['session 3: loading', 'session 3: listening']);

		// Following the live run: its lines as they come, until it ends; not the next run's.
		const follow = startCli(['logs', String(third), '--follow', '--root', root.dir]);
		await waitFor(() => ownLines(follow.output().stdout).length === 2, 20_000, 'the followed run\'s lines');
		expect(runCli(['restart', 'feed', '--root', root.dir]).code).toBe(0);
		await follow.exited;
		await serviceLogShows(root.dir, 'feed', 'session 4: listening', 'session 4');
		expect(ownLines(follow.output().stdout)).toEqual(['session 3: loading', 'session 3: listening']);
		expect(follow.output().stdout).toContain(`run ${third} of feed ended`);

		// With no scheduler: straight from the files.
		scheduler.child.kill('SIGTERM');
		expect(await scheduler.exited).toBe(0);
		expect(ownLines(runCli(['logs', String(first), '--root', root.dir]).stdout)).toEqual(['session 1: loading', 'session 1: listening']);
		expect(ownLines(runCli(['logs', String(third), '--root', root.dir]).stdout)).toEqual(['session 3: loading', 'session 3: listening']);

		// Rotated: run 2's start cut off the oldest file kept, run 1 gone.
		const text = readFileSync(log, 'utf8');
		const cut = text.indexOf('session 2: listening');
		const thirdStart = text.indexOf(`--- sage-console: run ${third} of feed started`);
		writeFileSync(`${log}.1`, text.slice(cut, thirdStart));
		writeFileSync(log, text.slice(thirdStart));
		const rotated = runCli(['logs', String(second), '--root', root.dir]);
		expect(rotated.code).toBe(0);
		expect(rotated.stdout).toContain(`(the start of run ${second}'s output was rotated away from ${log}`);
		expect(ownLines(rotated.stdout)).toEqual(['session 2: listening']);
		const gone = runCli(['logs', String(first), '--root', root.dir]);
		expect(gone.stdout).toContain(`run ${first}'s output is no longer in ${log}`);
		expect(ownLines(gone.stdout)).toEqual([]);
		expect(ownLines(runCli(['logs', String(third), '--root', root.dir]).stdout)).toEqual(['session 3: loading', 'session 3: listening']);
	}, 90_000);
});

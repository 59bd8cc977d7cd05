/**
 * `sage-console logs RUN --follow` of a service run goes on following when the service's output file
 * rotates under it (copy-then-truncate at log_max_size), as `tail -F` does, and still prints only that
 * run's lines: with the built CLI, a headless scheduler and a real service.
 */
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {headlessWithFeed} from '../helpers/headless-feed.js';
import {readRuns} from '../helpers/history-file.js';
import {rotatingFeedBulk as bulk, rotatingFeedScript as feedScript} from '../helpers/rotating-feed.js';
import {runCli, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {rotationDone, serviceLogShows} from '../helpers/service-log.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const serviceProcesses = trackServiceProcesses();

const ownLines = (stdout: string) => stdout.split('\n').filter(line => line.startsWith('session '));

describe('logs --follow of a service run across a rotation', () => {
	it('reads on into the rotated file and the new one, up to the run\'s end only', async () => {
		const {root, log} = await headlessWithFeed(processes, serviceProcesses, feedScript, {cwd: true, fields: ['stop_timeout: 3s', 'log_max_size: 2kb', 'log_keep: 2']});
		await serviceLogShows(root.dir, 'feed', 'session 1: loading', 'the service\'s first line');
		const runId = readRuns(root.dir).find(run => run.job_id === 'feed')!.id;

		const follow = startCli(['logs', String(runId), '--follow', '--root', root.dir]);
		processes.track(follow);
		await waitFor(() => ownLines(follow.output().stdout).length === 1, 20_000, 'the followed run\'s first line');

		// Given the file rotated under the follower (it was over 2 KiB), when the service writes on:
		writeFileSync(path.join(root.dir, 'grow'), '');
		await rotationDone(log, 'session 1: bulk line 40');
		writeFileSync(path.join(root.dir, 'more'), '');
		await serviceLogShows(root.dir, 'feed', 'session 1: after rotation', 'the line after the rotation');

		// Then the follower prints it, and (once restarted) not the next run's lines.
		await waitFor(() => follow.output().stdout.includes('session 1: after rotation'), 20_000, 'the follower printing the line written after the rotation');
		expect(runCli(['restart', 'feed', '--root', root.dir]).code).toBe(0);
		await follow.exited;
		// Session 2 writes past 2 KiB at once: its lines may be rotated away into .1 or .2 already.
		await waitFor(() => [log, `${log}.1`, `${log}.2`].some(file => existsSync(file) && readFileSync(file, 'utf8').includes('session 2: after rotation')), 20_000, 'session 2');
		expect(ownLines(follow.output().stdout)).toEqual(['session 1: loading', ...bulk(1), 'session 1: after rotation']);
		expect(follow.output().stdout).toContain(`run ${runId} of feed ended`);
	}, 90_000);
});

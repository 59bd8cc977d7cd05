/**
 * logs/sage-console.log on a disk that takes the open and refuses every write (a symlink to /dev/full,
 * ENOSPC, as a full disk does), with the built binary `--headless`: the scheduler goes on, says once that
 * its log is not kept, never claims the log is written again while it is not, and once the file takes
 * writes it has the lines logged meanwhile and says so.
 */
import {mkdirSync, readFileSync, rmSync, symlinkSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {readRuns} from '../helpers/history-file.js';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
/** The root guard looks at the log file every 5 s. */
const guardRoundMs = 5000;

describe('the console\'s log on a full disk', () => {
	it('is reported, not said to be "written again" until a line went in, and then holds what was logged meanwhile', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: tick, cron: "* * * * * *", command: ["true"]}\n'});
		const file = path.join(root.dir, 'logs/sage-console.log');
		mkdirSync(path.dirname(file), {recursive: true});
		symlinkSync('/dev/full', file);
		const app = processes.start(root.dir);
		await schedulerStarted(app);
		const notices = () => (JSON.parse(runCli(['status', '--json', '--root', root.dir]).stdout) as {notices: string[]}).notices;
		const refused = `cannot write ${file}: ENOSPC (no space left on device): the console's log is not being kept`;
		await waitFor(() => app.output().stdout.includes(refused), 3 * guardRoundMs, 'the log file reported');
		expect(notices()).toContain(refused);
		// Two more rounds of the guard, the disk still full: no word of a recovery. A round is seen by what
		// it does after its look at the log file: it writes the last good job list again, deleted before it.
		const lastGood = path.join(root.dir, 'data/sage.last-good-jobs.yaml');
		const rewritten = () => app.output().stdout.split('\n').filter(line => line.includes('sage.last-good-jobs.yaml was deleted; written again')).length;
		for (let round = 1; round <= 2; round++) {
			rmSync(lastGood, {force: true});
			await waitFor(() => rewritten() === round, 3 * guardRoundMs, `the guard's round ${round} after the report`);
		}

		expect(app.output().stdout).not.toContain('is written again');
		// Said once (and once more as the notice), not at every round.
		const messages = app.output().stdout.split('\n').filter(Boolean).map(line => (JSON.parse(line) as {msg: string}).msg);
		expect(messages.filter(msg => msg.includes(refused))).toEqual([refused, `notice: ${refused}`]);

		// Space again (here: a real file instead of /dev/full).
		rmSync(file);
		await waitFor(() => app.output().stdout.includes(`${file} is written again`), 3 * guardRoundMs, 'the recovery line');
		await waitFor(() => !notices().includes(refused), 15_000, 'the notice to go');
		const text = readFileSync(file, 'utf8');
		// Logged while the disk refused it: kept in memory and written when it could be.
		expect(text).toContain('ready: clients attach on');
		expect(text).toContain(`${file} is written again (no line was lost)`);
		expect(readRuns(root.dir).filter(row => row.status === 'success').length).toBeGreaterThan(5);
		app.child.kill('SIGTERM');
		expect(await app.exited).toBe(0);
		// Five rounds of the guard (about 25 s), past the default on a loaded box.
	}, 60_000);
});

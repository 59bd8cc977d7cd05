/**
 * logs/jobs/ on a real full disk (a 64 KiB tmpfs, filled with dd), run by the built binary: a run whose
 * log cannot take its first line fails and a notice says why; a run whose log fills up part way keeps
 * the job's own result and says its log is incomplete; the notice stands while the disk refuses writes
 * and goes when a run's log is written again. Needs root and tmpfs mounts (CI has both); skipped
 * otherwise, with the reason in the test's name.
 */
import {execFileSync, spawnSync} from 'node:child_process';
import {mkdirSync, rmSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {readRuns, type RunRow} from '../helpers/history-file.js';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {canMountTmpfs} from '../helpers/tmpfs.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();


/** Kilobytes free on the file system of `dir`. */
const freeKb = (dir: string) => Number(execFileSync('df', ['--output=avail', '-k', dir], {encoding: 'utf8'}).trim().split('\n').at(-1));

/** Fills `dir`'s disk with `dir/filler`, leaving `leaveKb` free (0: to the last block). */
function fill(dir: string, leaveKb: number): void {
	rmSync(path.join(dir, 'filler'), {force: true});
	const count = freeKb(dir) - leaveKb;
	spawnSync('dd', ['if=/dev/zero', `of=${path.join(dir, 'filler')}`, 'bs=1k', ...(leaveKb === 0 ? [] : [`count=${count}`])]);
	expect(freeKb(dir)).toBe(leaveKb);
}

describe.skipIf(!canMountTmpfs)('run logs on a full disk (a real tmpfs on logs/jobs; needs root and mount)', () => {
	const mounted: string[] = [];
	afterEach(() => {
		for (const dir of mounted.splice(0)) {
			spawnSync('umount', ['-l', dir]);
		}
	});

	it('a run that cannot log fails with a notice; one whose log fills up keeps its success with "log incomplete"; the notice goes when logs are written again', async () => {
		// 120 lines of output: more than the one 4 KiB block left free in the second step.
		const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: talk, trigger: manual, command: ["sh", "-c", "for i in $(seq 1 120); do echo quote line $i of the day; done"]}\n'});
		const jobLogs = path.join(root.dir, 'logs/jobs');
		mkdirSync(jobLogs, {recursive: true});
		execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0750', 'tmpfs', jobLogs]);
		mounted.push(jobLogs);
		const app = processes.start(root.dir);
		await schedulerStarted(app);
		const notices = () => (JSON.parse(runCli(['status', '--json', '--root', root.dir]).stdout) as {notices: string[]}).notices;
		const runLogNotices = () => notices().filter(text => /^runs? (fail|logs)/.test(text));
		const ended = async (id: number) => waitFor(() => readRuns(root.dir).find(row => row.id === id && !['queued', 'running'].includes(row.status)), 20_000, `run ${id} to end`);
		const runTalk = async (): Promise<RunRow> => {
			expect(runCli(['run', 'talk', '--detach', '--root', root.dir]).code).toBe(0);
			return ended(Math.max(...readRuns(root.dir).map(row => row.id)));
		};

		// Full to the last block: the file is created, its first line is refused.
		fill(jobLogs, 0);
		const refused = await runTalk();
		expect(refused).toMatchObject({status: 'failed', error_type: 'RunLogUnavailable', error_message: expect.stringMatching(/^cannot write logs\/jobs\/\d{8}_\d{3}\.log: ENOSPC \(no space left on device\)$/)});
		expect(await waitFor(() => runLogNotices().length > 0 && runLogNotices(), 15_000, 'the notice in status')).toEqual([`runs fail: ${refused.error_message}`]);

		// One block free: the header and some lines go in, the rest (and the closing line) do not.
		fill(jobLogs, 4);
		const partial = await runTalk();
		const shown = path.relative(root.dir, partial.log_path!);
		expect(partial).toMatchObject({status: 'success', error_type: null});
		expect(partial.message).toMatch(new RegExp(`^log incomplete: \\d+ lines \\(the closing line among them\\) not written to ${shown}: ENOSPC \\(no space left on device\\)$`));
		expect(await waitFor(() => runLogNotices()[0]?.startsWith('run logs incomplete') && runLogNotices(), 15_000, 'the notice to say logs lose lines'))
			.toEqual([`run logs incomplete: cannot write ${shown}: ENOSPC (no space left on device)`]);
		// history and show tell the operator without opening the database.
		const historyLine = runCli(['history', '--root', root.dir]).stdout.split('\n').find(line => line.startsWith(`${partial.id} `));
		expect(historyLine).toMatch(/ success .* log incomplete: \d+ lines/);
		expect(runCli(['show', String(partial.id), '--root', root.dir]).stdout).toContain(partial.message!);

		// Space again: the next run's log is whole, and the notice is gone.
		rmSync(path.join(jobLogs, 'filler'));
		const whole = await runTalk();
		expect(whole).toMatchObject({status: 'success', message: null});
		await waitFor(() => runLogNotices().length === 0, 15_000, 'the notice to go');
		app.child.kill('SIGTERM');
		expect(await app.exited).toBe(0);
	});
});

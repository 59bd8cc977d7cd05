/**
 * A running scheduler's working files taken from under it by the operator's box, with real processes:
 * `git clean -xfd` in the root (data/ and logs/ gone at once: database, lock, socket, last good job list,
 * the scheduler's log and the run logs), the socket alone deleted, and the scheduler's log rotated away
 * by an outside logrotate. The scheduler goes on; within the moment, not the guard's next round, no
 * second scheduler can take the root and every client still reaches the first.
 */
import {attachedHeader} from '../helpers/attached-header.js';
import {execFileSync} from 'node:child_process';
import {existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {integrityCheck, readRuns} from '../helpers/history-file.js';
import {binary, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {hasTmux, openTmuxSession} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

const jobsYaml = `jobs:
  - {id: tick, cron: "* * * * * *", command: ["true"]}
  - {id: hello, trigger: manual, command: ["sh", "-c", "echo hello from the run"]}
`;

/** Runs the CLI without blocking the test's event loop; killed (code null) if it has not ended in `timeoutMs`. */
async function cli(args: string[], timeoutMs = 20_000): Promise<{code: number | null; stdout: string; stderr: string}> {
	const started = startCli(args);
	const timer = setTimeout(() => started.child.kill('SIGKILL'), timeoutMs);
	const code = await started.exited;
	clearTimeout(timer);
	return {code, ...started.output()};
}

/** A root kept in git, as a deployment checkout is: `git clean -xfd` there removes data/ and logs/. */
async function startInGitRoot() {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml, '.gitignore': 'data/\nlogs/\n'});
	const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=ops', '-c', 'user.email=ops@example.com', ...args], {cwd: root.dir, encoding: 'utf8'});
	git('init', '-q');
	git('add', '.');
	git('commit', '-q', '-m', 'deploy');
	const app = processes.start(root.dir);
	await schedulerStarted(app);
	await waitFor(() => readRuns(root.dir).filter(row => row.status === 'success').length >= 2, 20_000, 'ticks recorded');
	return {root, app, git};
}

describe('the root\'s files taken from under a running scheduler', () => {
	it('`git clean -xfd`: fires go on, history is kept, a second scheduler is refused and clients reach the first at once, loudly', async () => {
		const {root, app, git} = await startInGitRoot();
		const pid = app.child.pid!;
		const before = readRuns(root.dir);
		const lastGood = path.join(root.dir, 'data/sage.last-good-jobs.yaml');
		const keptAt = statSync(lastGood).mtimeMs;
		git('clean', '-xfdq');
		expect(existsSync(path.join(root.dir, 'data'))).toBe(false);
		expect(existsSync(path.join(root.dir, 'logs'))).toBe(false);

		// At once, before the root guard's next round: a second scheduler (two would fire every job twice) is refused, naming the first.
		const second = await cli(['--headless', '--root', root.dir]);
		expect(second.stderr).toContain(`another sage-console (pid ${pid}) is already scheduling here`);
		expect(second.code).toBe(3);
		const status = await cli(['status', '--root', root.dir]);
		expect(status.stdout).toContain(`scheduler pid ${pid}`);
		expect(status.code).toBe(0);

		// What was restored, said in its log.
		for (const warning of [
			'data/sage.db restored from the open database; history goes on there',
			'data/sage.lock was deleted; written again',
			'data/sage.sock was deleted; clients can reach the scheduler again',
			'logs/sage-console.log was gone; made anew',
			'data/sage.last-good-jobs.yaml was deleted; written again',
		]) {
			await waitFor(() => app.output().stdout.includes(warning), 10_000, `the scheduler to say "${warning}"`);
		}

		// The last good job list, for a start with a broken jobs.yaml, is back with the time it was first kept.
		expect(readFileSync(lastGood, 'utf8')).toBe(jobsYaml);
		expect(Math.round(statSync(lastGood).mtimeMs)).toBe(Math.round(keptAt));

		// A run asked for now has its log written, read back by `logs`.
		const asked = await cli(['run', 'hello', '--detach', '--root', root.dir]);
		expect(asked.code).toBe(0);
		const runId = Number(asked.stdout.trim());
		await waitFor(() => readRuns(root.dir).find(row => row.id === runId && row.status === 'success'), 20_000, 'the run asked for to succeed');
		const logs = await cli(['logs', String(runId), '--root', root.dir]);
		expect(logs.stdout).toContain('hello from the run');
		expect(readdirSync(path.join(root.dir, 'logs/jobs')).length).toBeGreaterThan(0);

		// History before the clean is still there, and ticks go on in the restored file.
		const restoredAt = Date.now();
		await waitFor(() => readRuns(root.dir).some(row => row.job_id === 'tick' && row.scheduled_at > restoredAt + 1000 && row.status === 'success'), 20_000, 'ticks after the clean');
		const after = readRuns(root.dir);
		expect(after.slice(0, before.length).map(row => row.id)).toEqual(before.map(row => row.id));
		// One scheduler fired: no tick twice.
		const ticks = after.filter(row => row.job_id === 'tick').map(row => row.scheduled_at);
		expect(new Set(ticks).size).toBe(ticks.length);
		expect(readFileSync(path.join(root.dir, 'logs/sage-console.log'), 'utf8')).toContain('"run finished"');

		app.child.kill('SIGTERM');
		expect(await app.exited).toBe(0);
		expect(integrityCheck(root.dir)).toBe('ok');

		// The next start, with jobs.yaml broken by an edit, goes on with the list kept, not refusing to start.
		root.write('config/jobs.yaml', 'jobs:\n  - {id: tick, cron: [broken\n');
		const next = processes.start(root.dir);
		await schedulerStarted(next);
		expect(next.output().stdout).toMatch(/config not applied, \d+ problems?; the last good job list, from [^"]*, is in use"/);
	});

	it.skipIf(!hasTmux)('a console opened just after `git clean -xfd` attaches to the running scheduler, not starting a second', async () => {
		const {root, app, git} = await startInGitRoot();
		git('clean', '-xfdq');
		const console = openTmuxSession('cleaned', `${binary} --root ${root.dir}; sleep 60`, 160, 40);
		await console.see(attachedHeader(app.child.pid!), 20_000);
		expect(console.screen()).not.toContain('is already scheduling here');
	});

	it('`rm -rf data` beside a scheduler too busy to answer (stopped): a second start is refused before it makes a new empty database', async () => {
		const {root, app} = await startInGitRoot();
		app.child.kill('SIGSTOP');
		try {
			rmSync(path.join(root.dir, 'data'), {recursive: true});
			const second = await cli(['--headless', '--root', root.dir], 30_000);
			expect(second.stderr).toContain('another sage-console is already scheduling here');
			expect(second.code).toBe(3);
			// Nothing in place of the deleted database: the first, going on, restores its own there.
			expect(existsSync(path.join(root.dir, 'data/sage.db'))).toBe(false);
		} finally {
			app.child.kill('SIGCONT');
		}

		await waitFor(() => app.output().stdout.includes('data/sage.db restored from the open database'), 20_000, 'the database to be restored');
		expect(readRuns(root.dir)[0]!.id).toBe(1);
	}, 60_000);

	it('the socket alone deleted: clients reach the scheduler at once, and it says so', async () => {
		const {root, app} = await startInGitRoot();
		rmSync(path.join(root.dir, 'data/sage.sock'));
		const status = await cli(['status', '--root', root.dir]);
		expect(status.stdout).toContain(`scheduler pid ${app.child.pid!}`);
		expect(status.code).toBe(0);
		await waitFor(() => app.output().stdout.includes('data/sage.sock was deleted; clients can reach the scheduler again'), 10_000, 'the scheduler to say its socket is made again');
		expect(existsSync(path.join(root.dir, 'data/sage.sock'))).toBe(true);
	});

	it('the lock and socket deleted: a second scheduler is refused and the lock is written again with the first\'s pid', async () => {
		const {root, app} = await startInGitRoot();
		rmSync(path.join(root.dir, 'data/sage.lock'));
		rmSync(path.join(root.dir, 'data/sage.sock'));
		const second = await cli(['--headless', '--root', root.dir]);
		expect(second.stderr).toContain(`another sage-console (pid ${app.child.pid!}) is already scheduling here`);
		expect(second.code).toBe(3);
		expect(JSON.parse(readFileSync(path.join(root.dir, 'data/sage.lock'), 'utf8'))).toMatchObject({pid: app.child.pid!});
	});

	it('logs/ deleted: the lines logged right after are in a new logs/sage-console.log, none lost to the deleted file', async () => {
		const {root} = await startInGitRoot();
		rmSync(path.join(root.dir, 'logs'), {recursive: true});
		const asked = await cli(['run', 'hello', '--detach', '--root', root.dir]);
		const runId = Number(asked.stdout.trim());
		const log = path.join(root.dir, 'logs/sage-console.log');
		await waitFor(() => existsSync(log) && readFileSync(log, 'utf8').includes(`"runId":${runId},"status":"success"`), 20_000, 'the run asked for logged as finished');
		expect(readFileSync(log, 'utf8')).toMatch(new RegExp(`"jobId":"hello","runId":${runId},"trigger":"manual".*"msg":"run started"`));
	});

	it('logs/sage-console.log moved away by logrotate (no copytruncate): a new file is made and logged to', async () => {
		const {root, app} = await startInGitRoot();
		const log = path.join(root.dir, 'logs/sage-console.log');
		renameSync(log, `${log}.1`);
		await waitFor(() => existsSync(log) && readFileSync(log, 'utf8').includes('"run finished"'), 20_000, 'runs logged in a new sage-console.log');
		await waitFor(() => app.output().stdout.includes('logs/sage-console.log was gone; made anew'), 10_000, 'the scheduler to say its log is made anew');
		expect(readFileSync(`${log}.1`, 'utf8')).toContain('sage-console starting');
	});
});

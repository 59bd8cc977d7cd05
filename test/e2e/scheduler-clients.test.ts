/**
 * One scheduler, many clients, with real processes and a real socket: a headless scheduler, control
 * commands and attached consoles talk to it; it dies, leaves a stale socket, and gets garbage.
 */
import {attachedHeader} from '../helpers/attached-header.js';
import {existsSync, rmSync, statSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {readRuns} from '../helpers/history-file.js';
import {binary, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {testJobs} from '../helpers/temp-root.js';
import {hasTmux, openTmuxSession} from '../helpers/tmux.js';

const processes = trackHeadlessProcesses();

const jobsYaml = `jobs:
  - {id: tick, cron: "* * * * * *", command: ["true"]}
  - {id: slow, cron: "*/4 * * * * *", module: jobs/sleep.ts, params: {ms: 6000}, concurrency: skip}
  - {id: quick, trigger: manual, module: jobs/ok.ts}
  - {id: broken, trigger: manual, module: jobs/throws.ts}
  - {id: sleepy, trigger: manual, module: jobs/sleep.ts, params: {ms: 60000}}
`;

async function startScheduler(yaml = jobsYaml) {
	const root = processes.makeRoot({...testJobs, 'config/jobs.yaml': yaml});
	const app = processes.start(root.dir);
	await schedulerStarted(app);
	await waitFor(() => existsSync(path.join(root.dir, 'data/sage.sock')), 10_000, 'the socket');
	return {root, app};
}

/** Runs the CLI without blocking the test's event loop (the scheduler's own output must keep flowing). */
async function cli(args: string[], timeoutMs = 60_000): Promise<{code: number | null; stdout: string; stderr: string}> {
	const started = startCli(args);
	const timer = setTimeout(() => started.child.kill('SIGKILL'), timeoutMs);
	const code = await started.exited;
	clearTimeout(timer);
	return {code, ...started.output()};
}

describe('one scheduler, many clients', () => {
	it('serves status --json, pause, resume (a job and the whole scheduler) and reload to other processes', async () => {
		const {root} = await startScheduler();
		const status = await cli(['status', '--json', '--root', root.dir]);
		expect(status.code).toBe(0);
		const snapshot = JSON.parse(status.stdout) as {pid: number; paused: boolean; jobs: Array<{id: string; nextFireAt?: string}>};
		expect(snapshot.pid).toBe(processes.pidOf(0));
		expect(snapshot.paused).toBe(false);
		expect(snapshot.jobs.map(job => job.id)).toEqual(['tick', 'slow', 'quick', 'broken', 'sleepy']);
		expect(snapshot.jobs[0]!.nextFireAt).toMatch(/^\d{4}-\d\d-\d\dT/);

		expect((await cli(['pause', 'tick', '--root', root.dir])).stdout).toBe('tick paused\n');
		// Paused by the time the command answered: no fire due after that, up to a fire of slow (every 4 s)
		// due 2 s later, by which time the scheduler had come to two due times of tick's every-second schedule.
		// (Counted by due time, not by rows: a fire just before the pause may be written late.)
		const pausedBy = Date.now();
		await waitFor(() => readRuns(root.dir).some(row => row.job_id === 'slow' && row.scheduled_at > pausedBy + 2000), 20_000, 'a fire of slow due 2 s after the pause');
		const ticksDueAfter = (at: number) => readRuns(root.dir).filter(row => row.job_id === 'tick' && row.scheduled_at > at);
		expect(ticksDueAfter(pausedBy)).toEqual([]);
		expect((await cli(['resume', 'tick', '--root', root.dir])).stdout).toBe('tick resumed\n');
		const resumedBy = Date.now();
		await waitFor(() => ticksDueAfter(resumedBy).length > 0, 10_000, 'tick to fire again');

		expect((await cli(['pause', '--all', '--root', root.dir])).code).toBe(0);
		expect(JSON.parse((await cli(['status', '--json', '--root', root.dir])).stdout)).toMatchObject({paused: true});
		expect((await cli(['resume', '--all', '--root', root.dir])).code).toBe(0);

		writeFileSync(path.join(root.dir, 'config/jobs.yaml'), `${jobsYaml}  - {id: added, trigger: manual, command: ["true"]}\n`);
		const reload = await cli(['reload', '--root', root.dir]);
		expect(reload.code).toBe(0);
		// The watcher may have applied the edit already; either way the scheduler now has the job.
		expect(reload.stdout).toMatch(/^reloaded: /);
		expect((JSON.parse((await cli(['status', '--json', '--root', root.dir])).stdout) as {jobs: Array<{id: string}>}).jobs.map(job => job.id)).toContain('added');

		// A broken edit: refused, the jobs loaded before go on, and status says so until it is mended.
		writeFileSync(path.join(root.dir, 'config/jobs.yaml'), `${jobsYaml}  - {id: added, trigger: manual, command: ["true"]}\n  - {id: typo, cron: "61 * * * *", command: ["true"]}\n`);
		const refused = await cli(['reload', '--root', root.dir]);
		expect(refused.code).not.toBe(0);
		expect(refused.stderr).toMatch(/jobs\.yaml:\d+:\d+: .*61/);
		const text = await cli(['status', '--root', root.dir]);
		expect(text.stdout).toMatch(/! config not applied, 1 problem; the jobs loaded before keep running:\n {4}\S*jobs\.yaml:\d+:\d+: .*61/);
		const json = JSON.parse((await cli(['status', '--json', '--root', root.dir])).stdout) as {jobs: Array<{id: string}>; configProblems: Array<{line: number; message: string}>};
		expect(json.jobs.map(job => job.id)).toEqual(['tick', 'slow', 'quick', 'broken', 'sleepy', 'added']);
		expect(json.configProblems).toEqual([expect.objectContaining({line: jobsYaml.split('\n').length + 1, message: expect.stringContaining('61') as string})]);
		writeFileSync(path.join(root.dir, 'config/jobs.yaml'), `${jobsYaml}  - {id: added, trigger: manual, command: ["true"]}\n`);
		expect((await cli(['reload', '--root', root.dir])).code).toBe(0);
		expect((await cli(['status', '--root', root.dir])).stdout).not.toContain('config not applied');
	}, 120_000);

	it('run JOB goes through the live scheduler: recorded as manual, its log followed, exit code from its result', async () => {
		const {root, app} = await startScheduler();
		const ok = await cli(['run', 'quick', '--param', 'n=2', '--root', root.dir]);
		expect(ok.code).toBe(0);
		expect(ok.stdout).toContain('INFO  step');
		expect(ok.stdout).toMatch(/run \d+ quick \[\d{4}-\d\d-\d\d\]: success/);
		const failed = await cli(['run', 'broken', '--root', root.dir]);
		expect(failed.code).toBe(1);
		expect(failed.stdout).toContain('DataFeedError: feed returned 502 for 600519.SH');
		const rows = readRuns(root.dir).filter(row => row.trigger === 'manual');
		expect(rows.map(row => [row.job_id, row.status])).toEqual([['quick', 'success'], ['broken', 'failed']]);
		// It ran in the scheduler's process, not in the CLI's: the scheduler logged it.
		expect(app.output().stdout).toMatch(/"jobId":"quick".*"trigger":"manual".*"msg":"run started"/);

		const detached = await cli(['run', 'quick', '--detach', '--root', root.dir]);
		expect(detached.code).toBe(0);
		const runId = Number(detached.stdout.trim());
		await waitFor(() => readRuns(root.dir).find(row => row.id === runId && row.status === 'success'), 20_000, 'the detached run to succeed');
	});

	it('run JOB respects concurrency: skip against a scheduled copy that is still running', async () => {
		const {root} = await startScheduler();
		await waitFor(() => readRuns(root.dir).find(row => row.job_id === 'slow' && row.status === 'running'), 20_000, 'a scheduled slow run');
		const run = await cli(['run', 'slow', '--root', root.dir]);
		expect(run.code).toBe(1);
		expect(run.stderr).toMatch(/slow: not run: previous run still going \(concurrency: skip\) \(recorded as run \d+, skipped\)/);
		expect(readRuns(root.dir).filter(row => row.job_id === 'slow' && row.status === 'running')).toHaveLength(1);
	});

	it('cancel, retry and logs --follow act on the live scheduler\'s runs', async () => {
		const {root} = await startScheduler();
		const detached = await cli(['run', 'sleepy', '--detach', '--root', root.dir]);
		const runId = Number(detached.stdout.trim());
		await waitFor(() => readRuns(root.dir).find(row => row.id === runId && row.status === 'running'), 20_000, 'the run to start');
		const follower = startCli(['logs', String(runId), '--follow', '--root', root.dir]);
		await waitFor(() => follower.output().stdout.includes('run started'), 20_000, 'the follower to print the first line');
		const cancel = await cli(['cancel', String(runId), '--root', root.dir]);
		expect(cancel).toMatchObject({code: 0, stdout: `cancelling run ${runId}\n`});
		// The followed run did not succeed: exit 1, as \`run\` would.
		expect(await follower.exited).toBe(1);
		expect(follower.output().stdout).toMatch(/run cancelled/);
		expect(readRuns(root.dir).find(row => row.id === runId)?.status).toBe('cancelled');

		const retry = await cli(['retry', String(runId), '--root', root.dir]);
		expect(retry.stdout).toMatch(/^retrying as run (\d+) \(sleepy, attempt 2\)\n$/);
		const retried = Number(/run (\d+)/.exec(retry.stdout)![1]);
		await waitFor(() => readRuns(root.dir).find(row => row.id === retried && row.status === 'running'), 20_000, 'the retry to start');
		expect((await cli(['cancel', String(retried), '--root', root.dir])).code).toBe(0);
	});

	it('logs --follow exits with the followed run\'s result, as run does: 1 for a failed run, 0 for a success; without --follow, 0', async () => {
		// Its two manual jobs alone: no scheduled slow run for the stop below to wait for (up to 6 s).
		const {root, app} = await startScheduler('jobs:\n  - {id: quick, trigger: manual, module: jobs/ok.ts}\n  - {id: broken, trigger: manual, module: jobs/throws.ts}\n');
		const failed = Number((await cli(['run', 'broken', '--detach', '--root', root.dir])).stdout.trim());
		const succeeded = Number((await cli(['run', 'quick', '--detach', '--root', root.dir])).stdout.trim());
		const followFailed = await cli(['logs', String(failed), '--follow', '--root', root.dir]);
		expect(followFailed.stdout).toContain('DataFeedError: feed returned 502');
		expect(followFailed.code).toBe(1);
		expect((await cli(['logs', String(succeeded), '--follow', '--root', root.dir])).code).toBe(0);
		expect((await cli(['logs', String(failed), '--root', root.dir])).code).toBe(0);
		// With no scheduler, the log comes from the file; the run's result is the same.
		app.child.kill('SIGTERM');
		expect(await app.exited).toBe(0);
		expect((await cli(['logs', String(failed), '--follow', '--root', root.dir])).code).toBe(1);
		expect((await cli(['logs', String(succeeded), '--follow', '--root', root.dir])).code).toBe(0);
	});

	it('a follower whose scheduler is killed with -9 gets a clear message and exit code 4, not a hang', async () => {
		const {root, app} = await startScheduler();
		const detached = await cli(['run', 'sleepy', '--detach', '--root', root.dir]);
		const runId = Number(detached.stdout.trim());
		const follower = startCli(['logs', String(runId), '--follow', '--root', root.dir]);
		await waitFor(() => follower.output().stdout.includes('run started'), 20_000, 'the follower to print the first line');
		app.child.kill('SIGKILL');
		expect(await follower.exited).toBe(4);
		expect(follower.output().stderr).toMatch(/sage-console: the scheduler went away while following run \d+/);
		// Nobody answers now: control commands say so with their own exit code.
		const status = await cli(['status', '--root', root.dir]);
		expect(status.code).toBe(4);
		expect(status.stderr).toMatch(/no scheduler is running for this root/);
	});

	it('a stale socket and lock left by a killed scheduler do not block the next start, which marks the run interrupted', async () => {
		const {root, app} = await startScheduler();
		const detached = await cli(['run', 'sleepy', '--detach', '--root', root.dir]);
		const runId = Number(detached.stdout.trim());
		await waitFor(() => readRuns(root.dir).find(row => row.id === runId && row.status === 'running'), 20_000, 'the run to start');
		app.child.kill('SIGKILL');
		await app.exited;
		expect(existsSync(path.join(root.dir, 'data/sage.sock'))).toBe(true);
		expect(existsSync(path.join(root.dir, 'data/sage.lock'))).toBe(true);
		const next = processes.start(root.dir);
		await schedulerStarted(next);
		// The stale socket is replaced once the new scheduler listens (just after it says it started), owner only.
		const socketMode = () => (existsSync(path.join(root.dir, 'data/sage.sock')) ? statSync(path.join(root.dir, 'data/sage.sock')).mode & 0o777 : undefined);
		await waitFor(() => socketMode() === 0o600, 10_000, 'the new socket, mode 0600');
		await waitFor(() => readRuns(root.dir).find(row => row.id === runId && row.status === 'interrupted'), 10_000, 'the run to be marked interrupted');
		expect((await cli(['status', '--root', root.dir])).code).toBe(0);
	});

	it('refuses a second scheduler on the same root, naming the first', async () => {
		const {root} = await startScheduler();
		const second = await cli(['--headless', '--root', root.dir]);
		expect(second.code).toBe(3);
		expect(second.stderr).toMatch(new RegExp(`another sage-console \\(pid ${processes.pidOf(0)}\\) is already scheduling here`));
	});

	it('refuses a second scheduler while the first answers on its socket even with its lock file deleted, and ends none of its runs', async () => {
		const {root, app} = await startScheduler(`jobs:\n  - {id: long, trigger: manual, command: ["sh", "-c", "sleep 3; echo done"]}\n`);
		expect((await cli(['run', 'long', '--detach', '--root', root.dir])).code).toBe(0);
		const run = await waitFor(() => readRuns(root.dir).find(row => row.job_id === 'long' && row.status === 'running'), 10_000, 'the run to start');
		rmSync(path.join(root.dir, 'data/sage.lock'));
		const second = await cli(['--headless', '--root', root.dir]);
		expect(second.code).toBe(3);
		// Called on its beacon (src/host/scheduler-beacon.ts), the first writes its lock again and names itself.
		expect(second.stderr).toContain(`another sage-console (pid ${processes.pidOf(0)}) is already scheduling here`);
		const done = await waitFor(() => readRuns(root.dir).find(row => row.id === run.id && row.status !== 'running'), 20_000, 'the run to end');
		expect(done.status).toBe('success');
		expect(app.output().stdout).not.toContain('Killed');
	});

	it('answers a client that sends garbage with an error and stays up for everyone else', async () => {
		const {root} = await startScheduler();
		const socket = net.connect(path.join(root.dir, 'data/sage.sock'));
		// The scheduler resets the connection of the endless line below.
		socket.on('error', () => undefined);
		const replies: unknown[] = [];
		let buffered = '';
		socket.setEncoding('utf8').on('data', (chunk: string) => {
			buffered += chunk;
			const lines = buffered.split('\n');
			buffered = lines.pop()!;
			replies.push(...lines.map(line => JSON.parse(line) as unknown));
		});
		await new Promise(resolve => socket.once('connect', resolve));
		socket.write('this is not json\n');
		socket.write('{"kind":"request","id":1,"method":"snapshot","params":{}}\n');
		socket.write('{"kind":"request","id":2,"method":"hello","params":{"protocol":999,"client":"x"}}\n');
		socket.write('{"kind":"request","id":3,"method":"hello","params":{"protocol":1,"client":"x"}}\n');
		socket.write('{"kind":"request","id":4,"method":"drop-tables","params":{}}\n');
		socket.write('{"kind":"request","id":5,"method":"cancel-run","params":{"runId":"all"}}\n');
		await waitFor(() => replies.length >= 6, 10_000, 'six replies');
		expect(replies).toEqual([
			{kind: 'response', id: null, ok: false, error: {code: 'bad-message', message: 'not a JSON message: this is not json'}},
			{kind: 'response', id: 1, ok: false, error: {code: 'bad-message', message: 'say hello first (method "hello" with the protocol version)'}},
			{kind: 'response', id: 2, ok: false, error: {code: 'version-mismatch', message: expect.stringMatching(/speaks protocol 1, the client 999/)}},
			{kind: 'response', id: 3, ok: true, result: expect.objectContaining({protocol: 1})},
			{kind: 'response', id: 4, ok: false, error: {code: 'unknown-method', message: 'unknown method "drop-tables" (protocol 1)'}},
			{kind: 'response', id: 5, ok: false, error: {code: 'bad-params', message: 'cancel-run: "runId" must be an integer'}},
		]);
		// An endless line is a broken peer: its connection is closed, nobody else is affected.
		const closed = new Promise(resolve => socket.once('close', resolve));
		socket.write('x'.repeat(9 * 1024 * 1024));
		await closed;
		expect((await cli(['status', '--root', root.dir])).code).toBe(0);
	});

	it.skipIf(!hasTmux)('a console started beside a headless scheduler attaches to it: same jobs, live runs and the run a third pane started; q leaves the scheduler running', async () => {
		const {root, app} = await startScheduler();
		const pid = processes.pidOf(0);
		// The pane stays after the console ends (q), so the test can read what is left on it.
		const consoles = [openTmuxSession('one', `${binary} --root ${root.dir}; sleep 60`, 200, 50), openTmuxSession('two', `${binary} --root ${root.dir}; sleep 60`, 200, 50)];
		for (const screen of consoles) {
			await waitFor(() => attachedHeader(pid).test(screen.screen()), 20_000, 'the console to attach');
		}

		const detached = await cli(['run', 'sleepy', '--detach', '--root', root.dir]);
		const runId = Number(detached.stdout.trim());
		for (const screen of consoles) {
			await waitFor(() => screen.screen().includes(`sleepy started (run ${runId}, manual)`), 20_000, 'both consoles to show the run');
			expect(screen.screen()).toMatch(/▶ sleepy/);
		}

		consoles[0]!.keys('q');
		await waitFor(() => !attachedHeader().test(consoles[0]!.screen()), 10_000, 'the first console to leave');
		expect(app.child.exitCode).toBeNull();
		expect(consoles[1]!.screen()).toMatch(attachedHeader(pid));
		expect((await cli(['cancel', String(runId), '--root', root.dir])).code).toBe(0);
	});
});

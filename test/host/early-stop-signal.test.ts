/**
 * SIGTERM in the first moments of `sage-console --headless` (systemd's stop right after a start, an
 * operator's Ctrl-C) ends the start as a stop of a started scheduler does: exit 0, no `data/sage.lock`
 * or socket left behind (so `status` and the next start see no scheduler), the database whole. Each
 * moment is reached for sure, not by a sleep that may miss it:
 * - while the host opens, the lock taken: jobs.yaml is a named pipe, so the start blocks reading it,
 *   the lock already on disk, until the test writes the file's text into it (a signal used to end the
 *   process there, the lock left behind, exit 143);
 * - while the start ends what a dead scheduler left running: a left run's process ignores SIGTERM, so
 *   the start waits out its grace before it kills it;
 * - before the start opens anything: the same signal sent as soon as the process runs.
 * The console in a real terminal (tmux), its scheduler's thread blocked the same way, ends as on a
 * signal too, its screen never drawn.
 */
import {spawn} from 'node:child_process';
import {closeSync, constants, existsSync, mkdirSync, openSync, readdirSync, rmSync, writeSync} from 'node:fs';
import path from 'node:path';
import {execFileSync} from 'node:child_process';
import {afterEach, describe, expect, it} from 'vitest';
import {processStartTicks} from '../../src/host/proc-stat.js';
import {HistoryStore} from '../../src/store/history-store.js';
import {openDatabase} from '../../src/store/open-database.js';
import {integrityCheck, readRuns} from '../helpers/history-file.js';
import {binary, runCli, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {seedRun} from '../helpers/seed-run.js';
import {hasTmux, openTmuxSession, type TmuxSession} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const jobsYaml = 'jobs:\n  - {id: tick, cron: "*/5 * * * * *", command: ["true"]}\n';
const strays: number[] = [];

afterEach(() => {
	for (const pid of strays.splice(0)) {
		try {
			process.kill(pid, 'SIGKILL');
		} catch {
			// Gone already.
		}
	}
});

/** What a person checks after the stop: data/ holds no lock or socket, `status` finds no scheduler, SQLite finds the file whole. */
function expectNothingLeft(root: string): void {
	const data = path.join(root, 'data');
	const files = existsSync(data) ? readdirSync(data) : [];
	expect(files.filter(file => file.startsWith('sage.lock') || file === 'sage.sock')).toEqual([]);
	const status = runCli(['status', '--root', root]);
	expect(status.code).toBe(4);
	expect(status.stderr).toContain('no scheduler is running for this root');
	if (files.includes('sage.db')) {
		expect(integrityCheck(root)).toBe('ok');
	}
}

/** Writes `text` into the named pipe `fifo` for the process blocked reading it; false when no process reads it (it died). */
function feedPipe(fifo: string, text: string): boolean {
	let fd: number;
	try {
		fd = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENXIO') {
			return false;
		}

		throw error;
	}

	try {
		writeSync(fd, text);
	} finally {
		closeSync(fd);
	}

	return true;
}

/** A root whose jobs.yaml is a named pipe: a start blocks reading it, the lock already taken, until fed. */
function rootWithPipedJobs() {
	const root = processes.makeRoot();
	const jobsFile = path.join(root.dir, 'config/jobs.yaml');
	mkdirSync(path.dirname(jobsFile));
	execFileSync('mkfifo', [jobsFile]);
	return {
		root,
		lockTaken: async () => waitFor(() => existsSync(path.join(root.dir, 'data/sage.lock')), 20_000, 'the start to take the lock'),
		/** The start reads the file now, unless the signal killed it (then it is a plain file for what follows). */
		async feed(): Promise<boolean> {
			// Time for a process the signal kills to be gone; one that heard it goes on reading the pipe whenever fed.
			await new Promise(resolve => {
				setTimeout(resolve, 200);
			});
			const reading = feedPipe(jobsFile, jobsYaml);
			rmSync(jobsFile);
			root.write('config/jobs.yaml', jobsYaml);
			return reading;
		},
	};
}

/** The console's process in the pane (the shell's child). */
function consolePid(session: TmuxSession): number {
	const pane = Number(session.format('#{pane_pid}'));
	const children = execFileSync('pgrep', ['-P', String(pane)], {encoding: 'utf8'}).trim().split('\n').map(Number);
	return children.find(pid => pid > 0) ?? pane;
}

describe('a stop signal in the first moments of --headless', () => {
	it('while the host opens with the lock taken: the start ends, exit 0, no lock left', async () => {
		const {root, lockTaken, feed} = rootWithPipedJobs();
		const app = processes.start(root.dir);
		await lockTaken();
		app.child.kill('SIGTERM');
		const reading = await feed();
		expect({reading, code: await app.exited}).toEqual({reading: true, code: 0});
		expect(app.output().stdout).not.toContain('ready: clients attach on');
		expectNothingLeft(root.dir);
		expect(readRuns(root.dir)).toEqual([]);
	}, 60_000);

	it('while the start ends a run a dead scheduler left running: it goes no further, exit 0, no lock or socket left', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		// A run a scheduler killed with -9 left `running`, its process still there and deaf to SIGTERM.
		const stubborn = spawn('sh', ['-c', 'trap "" TERM; sleep 60'], {detached: true, stdio: 'ignore'});
		strays.push(stubborn.pid!);
		await waitFor(() => processStartTicks(stubborn.pid!), 15_000, 'the left process to run');
		const db = openDatabase(path.join(root.dir, 'data/sage.db'));
		const store = new HistoryStore(db);
		const run = seedRun(store, {jobId: 'tick', status: 'running', trigger: 'schedule', scheduledAt: Date.now() - 60_000, startedAt: Date.now() - 60_000, attempt: 1});
		store.updateRun(run.id, {process: {pid: stubborn.pid!, pgid: stubborn.pid!, startTicks: processStartTicks(stubborn.pid!)}});
		db.close();

		const app = processes.start(root.dir);
		// Logged as the start begins; the left process then holds it for its 2 s grace.
		await waitFor(() => app.output().stdout.includes('sage-console starting'), 20_000, 'the start');
		app.child.kill('SIGTERM');
		expect(await app.exited).toBe(0);
		expect(app.output().stdout).not.toContain('ready: clients attach on');
		expect(app.output().stdout).not.toContain('scheduler started');
		expectNothingLeft(root.dir);
		// Its process was ended; its row is the next start's to close as interrupted.
		expect(processStartTicks(stubborn.pid!)).toBeUndefined();
		const next = processes.start(root.dir);
		await waitFor(() => next.output().stdout.includes('ready: clients attach on'), 20_000, 'the next start');
		// Written through the scheduler's write queue, a moment after it closed the run.
		await waitFor(() => readRuns(root.dir).find(row => row.id === run.id && row.status === 'interrupted'), 10_000, 'the left run closed as interrupted');
		next.child.kill('SIGTERM');
		expect(await next.exited).toBe(0);
		expectNothingLeft(root.dir);
	}, 60_000);

	it.each([0, 100, 250, 400, 600])('sent %i ms after the process starts: no lock left, and exit 0 once the command has begun', async delayMs => {
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		const app = startCli(['--headless', '--root', root.dir]);
		processes.track(app);
		await new Promise(resolve => {
			setTimeout(resolve, delayMs);
		});
		app.child.kill('SIGTERM');
		const code = await app.exited;
		// Before Node runs the command (its own start, the command line read), Node's default ends it: nothing was written yet.
		const data = path.join(root.dir, 'data');
		if (code === null) {
			expect(existsSync(data) ? readdirSync(data) : []).toEqual([]);
		} else {
			expect(code).toBe(0);
		}

		expectNothingLeft(root.dir);
	}, 60_000);
});

describe.skipIf(!hasTmux)('a stop signal in the first moments of the console', () => {
	it('while its scheduler opens with the lock taken: the console never draws, exits 0, no lock left', async () => {
		const {root, lockTaken, feed} = rootWithPipedJobs();
		// The shell stays after the console exits, so the pane can be read.
		const session = openTmuxSession('early-signal', `sh -c '${binary} --root ${root.dir}; echo console-exited-$?; sleep 60'`, 100, 30);
		await lockTaken();
		process.kill(consolePid(session), 'SIGTERM');
		expect(await feed()).toBe(true);
		await session.see(/console-exited-\d+/, 20_000);
		expect(session.screen()).toContain('console-exited-0');
		expect(session.format('#{alternate_on}')).toBe('0');
		expectNothingLeft(root.dir);
	}, 60_000);
});

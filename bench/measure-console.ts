import {execFileSync} from 'node:child_process';
import {cpSync, existsSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {BenchError, requirePeer, type Row} from './lib/integrity.js';
import {launcher, projectRoot, sleep} from './lib/processes.js';
import {cpuSeconds, descendants, percentile, round, rssMb, threadCpuSeconds} from './lib/stats.js';
import {scratchDir} from './subjects/scratch-dir.mjs';

// A tmux server of its own for each subject: a new session right after kill-server on the same
// socket can meet the old server still exiting ("server exited unexpectedly").
let servers = 0;
const socket = () => path.join(tmpdir(), `sage-bench-${process.pid}-${servers}.sock`);
const tmux = (...args: string[]) => execFileSync('tmux', ['-S', socket(), ...args], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, TMUX: ''}});
const killTmux = () => {
	try {
		tmux('kill-server');
	} catch {
		// The session ended with its program.
	}

	// Left behind by tmux otherwise.
	rmSync(socket(), {force: true});
	servers++;
};

/** The program running in a pane (its shell's child, when a shell runs it), found by its command line. */
function programPid(target: string, name: RegExp): number {
	const shell = Number(tmux('display-message', '-p', '-t', target, '#{pane_pid}').trim());
	for (const pid of [shell, ...descendants(shell)]) {
		try {
			const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
			// The program itself, not a shell whose command line names it.
			if (name.test(commandLine) && !/^(\/bin\/|\/usr\/bin\/)?(ba)?sh /.test(commandLine)) {
				return pid;
			}
		} catch {
			// Gone.
		}
	}

	throw new BenchError(`no process matching ${name} runs in tmux pane ${target}: the subject did not start`);
}

/**
 * The process's RSS sampled once a second for `seconds`: its median (what the targets judge; one
 * reading alone lands anywhere in the heap's sawtooth, ±10 MB between runs of the same build) and its
 * highest.
 */
async function rssOver(pid: number, seconds: number): Promise<{median: number; max: number}> {
	const samples: number[] = [];
	for (let second = 0; second < seconds; second++) {
		await sleep(1000);
		samples.push(rssMb(pid));
	}

	const median = percentile(samples, 50);
	if (!Number.isFinite(median)) {
		throw new BenchError(`no RSS read of pid ${pid}: the subject was gone`);
	}

	return {median, max: Math.max(...samples)};
}

/** A copy of demo/ (its jobs fire every few seconds), for one subject. */
function demoRoot(): string {
	const root = scratchDir('sage-bench-demo-');
	// Its jobs and config only: a demo/ someone ran in place holds a history (data/) and logs of its own.
	for (const part of ['config', 'jobs', 'package.json']) {
		cpSync(path.join(projectRoot, 'demo', part), path.join(root, part), {recursive: true});
	}

	return root;
}

/** A copy of the shipped box (config/, jobs/, the sample bars): daily jobs, a scheduler idle between fires. */
function shippedRoot(): string {
	const root = scratchDir('sage-bench-box-');
	for (const part of ['config', 'jobs', 'data/sample']) {
		cpSync(path.join(projectRoot, part), path.join(root, part), {recursive: true});
	}

	return root;
}

/** The scheduler thread of a console (it logs its thread id at start); undefined for the earlier version, whose scheduler shares the main thread. */
function schedulerThread(root: string, pid: number): number | undefined {
	const log = path.join(root, 'logs/sage-console.log');
	const lines = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(text => text.includes('scheduler thread started')) : [];
	// The line of the process measured, the newest: a root's log may hold an earlier process's.
	const started = lines.map(text => JSON.parse(text) as {tid: number; pid: number}).filter(line => line.pid === pid).at(-1);
	if (lines.length > 0 && !started) {
		throw new BenchError(`the console measured (pid ${pid}) logged no scheduler thread in ${log}: another process's console was found in the tmux pane`);
	}

	if (started && !existsSync(`/proc/${pid}/task/${started.tid}`)) {
		throw new BenchError(`the scheduler thread ${started.tid} of the console measured (pid ${pid}) is gone`);
	}

	return started?.tid;
}

type Version = {name: string; launcher: string};

function versions(beforeDir: string | undefined): Version[] {
	return [{name: 'sage-console', launcher}, ...(beforeDir ? [{name: 'sage-console before', launcher: path.join(beforeDir, 'bin/sage-console.js')}] : [])];
}

/**
 * The console an operator leaves open: CPU of its own threads (the UI and the scheduler, not the jobs'
 * workers) and of the whole process, and its RSS; htop beside it in the same tmux as the peer. On the
 * shipped box (idle: its jobs are daily) and on demo/ (module jobs every few seconds with progress
 * bars and log lines: the console redraws what they do, and their warm workers are in its RSS).
 */
export async function measureIdle(seconds: number, beforeDir: string | undefined): Promise<Row[]> {
	requirePeer('htop', 'htop', ['--version'], 'apt-get install htop');
	const rows: Row[] = [];
	for (const version of versions(beforeDir)) {
		for (const [jobs, makeRoot] of [['shipped box', shippedRoot], ['demo jobs', demoRoot]] as const) {
			const root = makeRoot();
			tmux('new-session', '-d', '-s', 'idle', '-x', '120', '-y', '40', `${version.launcher} --root ${root}`);
			tmux('new-window', '-d', '-t', 'idle', 'htop');
			try {
				// Past start-up, worker boot and the first redraws.
				await sleep(15_000);
				const pid = programPid('idle:0', /sage-console/);
				const htop = programPid('idle:1', /htop/);
				const scheduler = schedulerThread(root, pid);
				const own = () => cpuSeconds(pid, true) + (scheduler === undefined ? 0 : threadCpuSeconds(pid, scheduler));
				const start = {own: own(), all: cpuSeconds(pid), htop: cpuSeconds(htop)};
				const rss = await rssOver(pid, seconds);
				const htopPct = ((cpuSeconds(htop) - start.htop) / seconds) * 100;
				rows.push({
					metric: 'idle_console', subject: version.name, jobs, seconds,
					cpu_pct_ui_and_scheduler: round(((own() - start.own) / seconds) * 100, 2),
					cpu_pct_with_jobs: round(((cpuSeconds(pid) - start.all) / seconds) * 100, 1),
					rss_mb: round(rss.median),
					rss_max_mb: round(rss.max),
					htop_cpu_pct: round(htopPct, 2),
				});
			} finally {
				killTmux();
			}
		}
	}

	return rows;
}

/**
 * `--headless`: RSS and CPU of the scheduler's own thread, on the shipped box's jobs (the state a
 * trading box's scheduler is in most of the day: waiting for the next fire) and on demo/ (module jobs
 * firing every few seconds, each keeping its own warm worker thread: their memory is the jobs').
 */
export async function measureHeadless(seconds: number, beforeDir: string | undefined): Promise<Row[]> {
	const rows: Row[] = [];
	for (const version of versions(beforeDir)) {
		for (const [jobs, makeRoot] of [['shipped box', shippedRoot], ['demo jobs', demoRoot]] as const) {
			const root = makeRoot();
			tmux('new-session', '-d', '-s', 'headless', '-x', '120', '-y', '40', `${version.launcher} --headless --root ${root} > /dev/null`);
			try {
				await sleep(15_000);
				// The program sets its title, so its command line reads `sage-console` alone.
				const pid = programPid('headless:0', /sage-console/);
				const start = cpuSeconds(pid, true);
				const rss = await rssOver(pid, seconds);
				rows.push({metric: 'headless', subject: version.name, jobs, seconds, cpu_pct_scheduler: round(((cpuSeconds(pid, true) - start) / seconds) * 100, 2), rss_mb: round(rss.median), rss_max_mb: round(rss.max)});
			} finally {
				killTmux();
			}
		}
	}

	return rows;
}

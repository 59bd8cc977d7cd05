import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import type {Row} from './measure-fire.js';
import {launcher, sleep} from './lib/processes.js';
import {cpuSeconds, descendants, percentile, round, rssMb} from './lib/stats.js';
import {scratchDir} from './subjects/scratch-dir.mjs';

const socket = `sage-bench-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, TMUX: ''}});
const killTmux = () => {
	try {
		tmux('kill-server');
	} catch {
		// The session ended with its program.
	}
};

function panePid(target: string): number {
	return Number(tmux('display-message', '-p', '-t', target, '#{pane_pid}').trim());
}

/** The pane's own process or, when it is a shell, its child. */
function programPid(target: string, name: RegExp): number {
	const shell = panePid(target);
	for (const pid of [shell, ...descendants(shell)]) {
		try {
			if (name.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))) {
				return pid;
			}
		} catch {
			// Gone.
		}
	}

	return shell;
}

function makeRoot(jobsYaml: string, jobFiles: Record<string, string> = {}): string {
	const root = scratchDir('sage-bench-console-');
	mkdirSync(path.join(root, 'config'));
	mkdirSync(path.join(root, 'jobs'));
	writeFileSync(path.join(root, 'package.json'), '{"type":"module"}');
	writeFileSync(path.join(root, 'config/jobs.yaml'), jobsYaml);
	for (const [name, text] of Object.entries(jobFiles)) {
		writeFileSync(path.join(root, 'jobs', name), text);
	}

	return root;
}

/** CPU of the console (500 jobs, none due, clock ticking) and of htop beside it, from /proc. */
export async function measureIdle(seconds: number): Promise<Row[]> {
	const jobs = Array.from({length: 500}, (_, i) => `  - {id: job_${i}, cron: "0 3 1 1 *", command: ["true"]}`);
	const root = makeRoot(`jobs:\n${jobs.join('\n')}\n`);
	tmux('new-session', '-d', '-s', 'idle', '-x', '120', '-y', '40', `${launcher} --root ${root}`);
	tmux('new-window', '-d', '-t', 'idle', 'htop');
	const peers = existsSync('/usr/bin/btop') ? ['btop'] : [];
	for (const peer of peers) {
		tmux('new-window', '-d', '-t', 'idle', peer);
	}

	// Steady state: past start-up, warm-worker boot and the first redraws.
	await sleep(15_000);
	const subjects = [
		{subject: 'sage-console', pid: programPid('idle:0', /sage-console/)},
		{subject: 'htop', pid: programPid('idle:1', /htop/)},
		...peers.map((peer, i) => ({subject: peer, pid: programPid(`idle:${i + 2}`, new RegExp(peer))})),
	];
	const before = subjects.map(entry => cpuSeconds(entry.pid));
	await sleep(seconds * 1000);
	const rows = subjects.map((entry, i) => ({
		metric: 'idle_cpu',
		subject: entry.subject,
		seconds,
		cpu_pct: round(((cpuSeconds(entry.pid) - before[i]!) / seconds) * 100, 2),
		rss_mb: round(rssMb(entry.pid)),
	}));
	killTmux();
	// A program that outlives its pane would load every later measurement.
	for (const {pid} of subjects) {
		try {
			process.kill(pid, 'SIGKILL');
		} catch {
			// Already gone.
		}
	}

	return rows;
}

const chatter = `export default async function run(ctx: any) {
	const perTick = Math.max(1, Math.round(ctx.params.rate / 100));
	const until = Date.now() + ctx.params.seconds * 1000;
	let n = 0;
	while (Date.now() < until && !ctx.signal.aborted) {
		for (let i = 0; i < perTick; i++) ctx.log.info({n: ++n}, 'quote tick ' + n);
		await new Promise(r => setTimeout(r, 10));
	}
	return {lines: n};
}
`;

const progress = `export default async function run(ctx: any) {
	const until = Date.now() + ctx.params.seconds * 1000;
	const started = Date.now();
	while (Date.now() < until && !ctx.signal.aborted) {
		ctx.progress((Date.now() - started) / (until - started), 'step ' + Math.round((Date.now() - started) / 100));
		await new Promise(r => setTimeout(r, 100));
	}
}
`;

/** Start-up and the first frames, left out of every busy-render figure. */
const warmUpMs = 5000;

/** The console under a log rate sweep with 5 progress bars: CPU, frames, render p99, loop lag p99, bytes to the tty. */
export async function measureRender(rates: number[], seconds: number): Promise<Row[]> {
	const rows: Row[] = [];
	for (const rate of rates) {
		const at = new Date(Date.now() + 3000).toISOString();
		const progressJobs = Array.from({length: 5}, (_, i) => `  - {id: bar_${i}, trigger: date, run_date: "${at}", module: jobs/progress.ts, params: {seconds: ${seconds + 10}}}`);
		const root = makeRoot(`max_parallel: 8\njobs:\n  - {id: chatter, trigger: date, run_date: "${at}", module: jobs/chatter.ts, params: {rate: ${rate}, seconds: ${seconds + 10}}}\n${progressJobs.join('\n')}\n`, {'chatter.ts': chatter, 'progress.ts': progress});
		const statsFile = path.join(root, 'stats.json');
		tmux('new-session', '-d', '-s', 'render', '-x', '120', '-y', '40', `SAGE_CONSOLE_STATS=${statsFile} SAGE_CONSOLE_STATS_AFTER_MS=${warmUpMs} ${launcher} --root ${root}`);
		await sleep(warmUpMs);
		const pid = programPid('render:0', /sage-console/);
		const before = cpuSeconds(pid, true);
		const beforeAll = cpuSeconds(pid);
		await sleep(seconds * 1000);
		// The console's own cost is its main thread; the jobs' logging runs in their worker threads.
		const cpu = ((cpuSeconds(pid, true) - before) / seconds) * 100;
		const cpuWithJobs = ((cpuSeconds(pid) - beforeAll) / seconds) * 100;
		tmux('send-keys', '-t', 'render', 'q');
		await sleep(300);
		tmux('send-keys', '-t', 'render', 'c');
		for (let i = 0; i < 50 && !existsSync(statsFile); i++) {
			await sleep(200);
		}

		const stats = existsSync(statsFile) ? JSON.parse(readFileSync(statsFile, 'utf8')) as {seconds: number; frames: number; renderTimes: number[]; lagP99: number; bytes: number} : undefined;
		killTmux();
		rows.push({
			metric: `busy_render_${rate}`,
			subject: 'sage-console',
			lines_per_s: rate,
			cpu_pct: round(cpu, 1),
			cpu_pct_with_jobs: round(cpuWithJobs, 1),
			fps: stats ? round(stats.frames / stats.seconds, 1) : Number.NaN,
			render_p99_ms: stats ? round(percentile(stats.renderTimes, 99), 1) : Number.NaN,
			loop_delay_p99_ms: stats ? round(stats.lagP99, 1) : Number.NaN,
			tty_kb_per_s: stats ? round(stats.bytes / 1024 / stats.seconds, 1) : Number.NaN,
		});
	}

	return rows;
}

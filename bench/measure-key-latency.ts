/**
 * Key-to-paint latency of the built console under a busy log: the console runs in tmux on a root
 * whose job writes `linesPerSecond` log lines; keys go in through a tmux control-mode client and the
 * clock stops when the bytes of the frame showing the change come out of the pane (tmux's %output),
 * so the figure is send → key read → state → render → written to the terminal. Self-contained: run
 * `npm run build` first; `measureKeyLatency()` returns one row per key kind and one for all of them.
 */
import {execFileSync, spawn} from 'node:child_process';
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {createInterface} from 'node:readline';
import {fileURLToPath} from 'node:url';
import {requireSamples, type Row} from './lib/integrity.js';
import {descendants, percentile, round} from './lib/stats.js';

export type KeyLatencyOptions = {
	/** Presses of each key kind measured. @default 40 */
	presses?: number;
	/** Log lines a second the busy job writes. @default 1000 */
	linesPerSecond?: number;
	/** @default 120 */
	columns?: number;
	/** @default 40 */
	rows?: number;
	/** The console's launcher. @default bin/sage-console.js of this checkout */
	binary?: string;
};

/** A key, tmux's name for it, and text that only the frame after it shows (the title of what got focus). */
const kinds = [
	{name: 'help-open', key: '?', shows: '▌Keys'},
	{name: 'help-close', key: 'Escape', shows: '▌Jobs ('},
	{name: 'next-panel', key: 'Tab', shows: '▌Running ('},
	{name: 'prev-panel', key: 'BTab', shows: '▌Jobs ('},
] as const;

/**
 * The frame a key is judged against: one frame of a 60 Hz screen, the rate at which an operator's
 * terminal shows anything at all. Not the console's own cap (Ink's maxFps in src/ui/start-console.tsx),
 * which is set higher so that a key never waits behind Ink's throttle: judging against that cap would
 * make the target move with a setting.
 */
export function consoleFrameMs(): number {
	return 1000 / 60;
}

const sleep = async (ms: number) => new Promise(resolve => {
	setTimeout(resolve, ms);
});

/** A job that writes `perSecond` lines a second, in batches every 10 ms, for `seconds`. */
function firehoseJobs(perSecond: number, seconds: number): string {
	const perBatch = Math.max(1, Math.round(perSecond / 100));
	const script = `let n=0;const t=setInterval(()=>{for(let i=0;i<${perBatch};i++)console.log('tick '+(n++)+' 600519.SH 1712.35 +0.42% vol '+(n*7));},10);setTimeout(()=>{clearInterval(t)},${seconds * 1000});`;
	return `jobs:
  - id: firehose
    trigger: manual
    command: ["node", "-e", ${JSON.stringify(script)}]
  - id: sync_daily_bars
    cron: "30 16 * * *"
    calendar: trading-days
    command: ["true"]
  - id: refresh_quotes
    cron: "*/5 * * * *"
    command: ["true"]
`;
}

/** tmux in control mode: commands in, the pane's output out as it is written. */
class ControlClient {
	private readonly child;
	private buffer = '';
	private readonly waiters = new Set<() => void>();

	constructor(socket: string, session: string) {
		this.child = spawn('tmux', ['-S', socket, '-C', 'attach', '-t', session], {stdio: ['pipe', 'pipe', 'ignore'], env: {...process.env, TMUX: ''}});
		createInterface({input: this.child.stdout.setEncoding('utf8')}).on('line', line => {
			if (line.startsWith('%output ')) {
				// Control mode escapes bytes below a space and the backslash as \ooo.
				this.buffer += line.slice(line.indexOf(' ', 8) + 1).replaceAll(/\\(\d{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
				// Only the end matters for a marker that straddles two writes.
				this.buffer = this.buffer.slice(-20_000);
				for (const wake of this.waiters) {
					wake();
				}
			}
		});
	}

	/** Sends a key and resolves with the ms until output containing `shows` arrived (undefined: not within 2 s). */
	async press(session: string, key: string, shows: string): Promise<number | undefined> {
		this.buffer = '';
		const sent = performance.now();
		this.child.stdin.write(`send-keys -t ${session} ${key}\n`);
		for (const deadline = sent + 2000; performance.now() < deadline;) {
			if (this.buffer.includes(shows)) {
				return performance.now() - sent;
			}

			await new Promise<void>(resolve => {
				const wake = () => {
					this.waiters.delete(wake);
					clearTimeout(timer);
					resolve();
				};

				const timer = setTimeout(wake, 50);
				this.waiters.add(wake);
			});
		}

		return undefined;
	}

	close(): void {
		this.child.kill();
	}
}

/** Gives the processes 5 s to exit after tmux's SIGHUP, then kills those still running. */
async function endProcesses(pids: readonly number[]): Promise<void> {
	const running = () => pids.filter(pid => isRunning(pid));
	for (let waited = 0; running().length > 0 && waited < 5000; waited += 100) {
		await sleep(100);
	}

	for (const pid of running()) {
		try {
			process.kill(pid, 'SIGKILL');
		} catch {
			// Gone meanwhile.
		}
	}
}

/** Alive and not a zombie waiting for a parent that never reaps it. */
function isRunning(pid: number): boolean {
	try {
		return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
	} catch {
		return false;
	}
}

function logLinesWritten(root: string): number {
	const dir = path.join(root, 'logs', 'jobs');
	return readdirSync(dir).reduce((sum, file) => sum + readFileSync(path.join(dir, file), 'utf8').split('\n').length - 1, 0);
}

/**
 * Presses keys in the console while a job floods the log, and measures each from send to the frame
 * that shows its effect. Rows: one per key kind and `all`, with p50/p99/max in ms, the presses that
 * never showed, and the log rate the job reached.
 */
export async function measureKeyLatency(options: KeyLatencyOptions = {}): Promise<Row[]> {
	const {presses = 40, linesPerSecond = 1000, columns = 120, rows = 40} = options;
	const binary = options.binary ?? fileURLToPath(new URL('../bin/sage-console.js', import.meta.url));
	const root = mkdtempSync(path.join(tmpdir(), 'sage-key-latency-'));
	const socket = path.join(tmpdir(), `sage-key-latency-${process.pid}.sock`);
	const session = 'bench';
	const tmux = (...args: string[]) => execFileSync('tmux', ['-S', socket, ...args], {encoding: 'utf8', env: {...process.env, TMUX: ''}});
	// Long enough for every press with its pauses, and then some.
	const seconds = 30 + Math.ceil(presses * kinds.length * 0.4);
	mkdirSync(path.join(root, 'config'), {recursive: true});
	writeFileSync(path.join(root, 'package.json'), '{"type": "module"}\n');
	writeFileSync(path.join(root, 'config', 'jobs.yaml'), firehoseJobs(linesPerSecond, seconds));
	let client: ControlClient | undefined;
	let consolePid: number | undefined;
	try {
		tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows), `cd ${root} && exec ${binary}`);
		consolePid = Number(tmux('display-message', '-p', '-t', session, '#{pane_pid}').trim());
		for (let waited = 0; !tmux('capture-pane', '-p', '-t', session).includes('Jobs (3)'); waited += 200) {
			if (waited > 30_000) {
				throw new Error(`the console did not come up in tmux: ${tmux('capture-pane', '-p', '-t', session)}`);
			}

			await sleep(200);
		}

		// The first job is the firehose: run it and let the log fill.
		tmux('send-keys', '-t', session, 'r');
		await sleep(3000);
		client = new ControlClient(socket, session);
		await sleep(500);
		const linesBefore = logLinesWritten(root);
		const started = performance.now();
		const samples = new Map<string, number[]>(kinds.map(kind => [kind.name, []]));
		let missed = 0;
		for (let round = -2; round < presses; round++) {
			for (const kind of kinds) {
				// A pause of varying length, so presses land at every point between two log frames.
				await sleep(50 + Math.floor(Math.random() * 150));
				const ms = await client.press(session, kind.key, kind.shows);
				if (round < 0) {
					continue;
				}

				if (ms === undefined) {
					missed++;
				} else {
					samples.get(kind.name)!.push(ms);
				}
			}
		}

		const achieved = (logLinesWritten(root) - linesBefore) / ((performance.now() - started) / 1000);
		const frameMs = round(consoleFrameMs(), 1);
		const row = (subject: string, values: number[]): Row => {
			requireSamples(`sage-console ${subject}`, 'key_to_paint', values, Math.ceil(presses / 2));
			return {
				metric: 'key_to_paint', subject, presses: values.length, p50_ms: round(percentile(values, 50)), p99_ms: round(percentile(values, 99)),
				max_ms: round(Math.max(...values)), frame_ms: frameMs, lines_per_s: Math.round(achieved), columns, rows,
			};
		};
		return [
			...kinds.map(kind => row(kind.name, samples.get(kind.name)!)),
			{...row('all', [...samples.values()].flat()), missed},
		];
	} finally {
		client?.close();
		// The console and its job's processes, before tmux's end makes them orphans.
		const left = consolePid === undefined ? [] : [consolePid, ...descendants(consolePid)];
		try {
			tmux('kill-server');
		} catch {
			// Already gone.
		}

		// SIGHUP from tmux stops the console gracefully, which waits for its firehose run to end.
		await endProcesses(left);
		rmSync(socket, {force: true});
		rmSync(root, {recursive: true, force: true});
	}
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const presses = Number(process.argv[2] ?? 40);
	for (const row of await measureKeyLatency({presses})) {
		process.stdout.write(`${JSON.stringify(row)}\n`);
	}
}

/**
 * Runs on workers (issue 27) against a bare BullMQ producer/worker pair doing the same no-op jobs on
 * the same Redis, measured in one run:
 * - fire → start on a worker, p50/p99, with runs spaced so none waits for a slot. The fire is the
 *   moment the run was asked for (sage-console: its scheduledAt, a manual run's request; bare: just
 *   before `queue.add`); the start is the moment a worker process's BullMQ processor took it
 *   (sage-console: the `taken` event on the run's stream; bare: the processor returns Date.now()).
 * - runs/s through a burst: from the first request until the producer knows the last run ended
 *   (sage-console: the scheduler recorded it in history; bare: QueueEvents told `completed`).
 * Both workers are processes of their own with the same concurrency; sage-console's scheduler runs in
 * this process (in a console it runs on a thread of its own), the bare producer too. The two subjects
 * take turns, round after round, so a machine that gets busier half way (this VM's cores are shared)
 * weighs on both alike. Also reported, for information: fire → the job's code running (sage-console
 * starts it in an isolated job thread), CPU per run of the producer, the worker and redis-server, and a
 * third subject taking the same turns: BullMQ's own sandboxed processor on worker threads
 * (`useWorkerThreads`), the nearest a bare pair comes to a job thread of its own per run; its processor
 * reports when the job's code ran, so its latency row is fire → code. The targets stay against the
 * plain pair, as the issue sets them.
 * `measureWorkers(options)` → rows; `workerTargets(rows)` → verdicts; `tsx bench/measure-workers.ts
 * [--quick] [--warm RUNS]` prints both. WORKERS_CPU_PROF=DIR runs sage-console's worker under `node --cpu-prof`.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {Queue, QueueEvents} from 'bullmq';
import {Redis} from 'ioredis';
import type * as PathsModule from '../src/host/paths.js';
import type * as HostModule from '../src/host/scheduler-host.js';
import type * as KeysModule from '../src/remote/remote-keys.js';
import type * as EventsModule from '../src/remote/run-events.js';
import {BenchError, checkFigures, requirePeer, requireSamples, type Row} from './lib/integrity.js';
import {launcher, launcherNodeFlags, projectRoot, sleep} from './lib/processes.js';
import {cpuSeconds, percentile, round} from './lib/stats.js';
import type {Verdict} from './lib/targets.js';

export type WorkersOptions = {
	/** Runs in each throughput burst. @default 500 */
	runs?: number;
	/** Spaced runs for the latency figures, all rounds together. @default 300 */
	samples?: number;
	/** Turns each subject takes (latency and burst). @default 3 */
	rounds?: number;
	/** Runs at once on the worker (both). @default 4 */
	concurrency?: number;
	/** Between two spaced runs, ms. @default 15 */
	spacingMs?: number;
	/**
	 * Runs each subject carries out before anything is measured: connections made, scripts loaded, job
	 * threads started. More (`--warm 3000`) lets V8 optimise each side's code first. @default concurrency × 2
	 */
	warmRuns?: number;
};

type Settings = Required<WorkersOptions>;

/**
 * The scheduler is the built one (dist/, what the worker's launcher runs too): the bench measures the
 * product as shipped, and the sources may be mid-edit while it runs.
 */
async function fromDist<T>(file: string): Promise<T> {
	return import(pathToFileURL(path.join(projectRoot, 'dist', file)).href) as Promise<T>;
}

/** One subject as the rounds drive it. */
type Subject = {
	name: string;
	/** What its spaced runs' times measure: up to a worker taking the run, or up to the job's code running. */
	latencyMetric: 'workers_fire_to_start' | 'workers_fire_to_code';
	/** Asks for `count` runs `spacingMs` apart; resolves with fire → start (and fire → code) per run. */
	spaced(count: number): Promise<{starts: number[]; codeStarts?: number[]}>;
	/** Asks for `count` runs at once; resolves with the ms until the producer knew the last ended. */
	burst(count: number): Promise<number>;
	/** pids whose CPU counts as this subject's: producer (this process), worker, redis. */
	workerPid: number;
	close(): Promise<void>;
};

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const {port} = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/** Every child started here, ended with this process even when a section throws (no worker or Redis left behind). */
const children = new Set<ChildProcess>();
process.on('exit', () => {
	for (const child of children) {
		child.kill('SIGKILL');
	}
});

/** A child process that has printed a line matching `ready`. */
async function startProcess(name: string, command: string, args: string[], ready: RegExp, env: Record<string, string> = {}): Promise<{child: ChildProcess; output(): string}> {
	const child = spawn(command, args, {cwd: projectRoot, env: {...process.env, ...env}, stdio: ['ignore', 'pipe', 'pipe']});
	children.add(child);
	child.once('exit', () => children.delete(child));
	// The last chunks, joined only when read: the worker's log lines during a burst are read in this
	// process (the producer's), which must not pay for copying a long tail on every chunk.
	const chunks: Buffer[] = [];
	let held = 0;
	const onData = (chunk: Buffer) => {
		chunks.push(chunk);
		held += chunk.length;
		while (held - chunks[0]!.length >= 20_000) {
			held -= chunks.shift()!.length;
		}
	};

	const output = () => Buffer.concat(chunks).toString().slice(-20_000);
	child.stdout!.on('data', onData);
	child.stderr!.on('data', onData);
	const deadline = Date.now() + 30_000;
	while (!ready.test(output())) {
		if (Date.now() > deadline || child.exitCode !== null) {
			child.kill('SIGKILL');
			throw new BenchError(`${name} did not start (${command} ${args.join(' ')}): ${output().slice(-500)}`);
		}

		await sleep(20);
	}

	return {child, output};
}

async function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) {
		return;
	}

	const exited = new Promise(resolve => {
		child.once('exit', resolve);
	});
	child.kill(signal);
	await Promise.race([exited, sleep(10_000)]);
	if (child.exitCode === null && child.signalCode === null) {
		child.kill('SIGKILL');
	}
}

/**
 * The bare pair's worker: a process of its own, a no-op processor returning when it was called; with
 * PROCESSOR (a file), BullMQ's sandbox runs that file's processor on a pool of worker threads instead.
 */
const bareWorkerCode = `
import {Worker} from 'bullmq';
const file = process.env.PROCESSOR;
const worker = new Worker(process.env.QUEUE, file ?? (async () => Date.now()), {connection: {host: '127.0.0.1', port: Number(process.env.PORT), maxRetriesPerRequest: null}, prefix: process.env.QUEUE, concurrency: Number(process.env.CONCURRENCY), useWorkerThreads: Boolean(file)});
await worker.waitUntilReady();
console.log('ready');
process.on('SIGTERM', () => { void worker.close().then(() => process.exit(0)); });
`;

/** A bare BullMQ pair; `sandboxed`: its processor runs in BullMQ's sandbox, on worker threads. */
async function bareSubject(port: number, settings: Settings, sandboxed = false): Promise<Subject> {
	const name = sandboxed ? 'bare bullmq, sandboxed' : 'bare bullmq';
	const queueName = sandboxed ? 'sandboxed' : 'bare';
	const connection = {host: '127.0.0.1', port, maxRetriesPerRequest: null};
	let processorDir: string | undefined;
	const env: Record<string, string> = {PORT: String(port), CONCURRENCY: String(settings.concurrency), QUEUE: queueName};
	if (sandboxed) {
		processorDir = mkdtempSync(path.join(tmpdir(), 'sage-bench-sandboxed-'));
		env.PROCESSOR = path.join(processorDir, 'noop.mjs');
		writeFileSync(env.PROCESSOR, 'export default async function noop() { return Date.now(); }\n');
	}

	const worker = await startProcess(`${name} worker`, process.execPath, ['--input-type=module', '-e', bareWorkerCode], /ready/, env);
	const queue = new Queue(queueName, {connection, prefix: queueName});
	// From the stream's start (this Redis is the bench's own): with the default `$`, completions that land
	// before its first read is sent are never heard, and the warm-up waits for ever.
	const events = new QueueEvents(queueName, {connection, prefix: queueName, lastEventId: '0-0'});
	await events.waitUntilReady();
	let completed = 0;
	const waiters = new Set<() => void>();
	events.on('completed', () => {
		completed++;
		for (const wake of waiters) {
			wake();
		}
	});
	const completions = async (count: number) => {
		while (completed < count) {
			await new Promise<void>(resolve => {
				const wake = () => {
					waiters.delete(wake);
					resolve();
				};

				waiters.add(wake);
			});
		}
	};

	// Warm-up, as sage-console's: connections made, scripts loaded, code compiled.
	const warm = completed + settings.warmRuns;
	await Promise.all(Array.from({length: settings.warmRuns}, async () => queue.add('noop', {t: Date.now()}, {removeOnComplete: true})));
	await completions(warm);
	return {
		name,
		// The sandboxed processor reports when the job's code ran in its thread, not when the worker took it.
		latencyMetric: sandboxed ? 'workers_fire_to_code' : 'workers_fire_to_start',
		workerPid: worker.child.pid!,
		async spaced(count) {
			const jobs = [];
			for (let i = 0; i < count; i++) {
				jobs.push(await queue.add('noop', {t: Date.now()}, {removeOnComplete: false}));
				await sleep(settings.spacingMs);
			}

			const starts: number[] = [];
			for (const {id} of jobs) {
				for (let waited = 0; ; waited += 20) {
					const job = await queue.getJob(id!);
					if (typeof job?.returnvalue === 'number') {
						starts.push(job.returnvalue - (job.data as {t: number}).t);
						await job.remove();
						break;
					}

					if (waited > 30_000) {
						throw new BenchError(`${name}: job ${id} did not complete within 30 s`);
					}

					await sleep(20);
				}
			}

			return {starts};
		},
		async burst(count) {
			const target = completed + count;
			const started = Date.now();
			await Promise.all(Array.from({length: count}, async () => queue.add('noop', {t: Date.now()}, {removeOnComplete: true})));
			await completions(target);
			return Date.now() - started;
		},
		async close() {
			await events.close();
			await queue.close();
			await stop(worker.child);
			if (processorDir) {
				rmSync(processorDir, {recursive: true, force: true});
			}
		},
	};
}

async function sageSubject(port: number, settings: Settings): Promise<Subject> {
	const root = mkdtempSync(path.join(tmpdir(), 'sage-bench-workers-'));
	mkdirSync(path.join(root, 'config'), {recursive: true});
	mkdirSync(path.join(root, 'jobs'), {recursive: true});
	writeFileSync(path.join(root, 'package.json'), '{"type": "module"}\n');
	writeFileSync(path.join(root, 'jobs/noop.mjs'), 'export default function run() { return 1; }\n');
	const url = `redis://127.0.0.1:${port}/1`;
	writeFileSync(path.join(root, 'config/jobs.yaml'), `redis: ${url}\nmax_parallel: 64\njobs:\n  - {id: noop, trigger: manual, module: jobs/noop.mjs, run_on: workers, queue: bench, concurrency: allow}\n`);
	const workerArgs = ['worker', '--root', root, '--redis', url, '--queues', 'bench', '--concurrency', String(settings.concurrency)];
	const profileDir = process.env.WORKERS_CPU_PROF;
	const worker = profileDir
		? await startProcess('sage-console worker', process.execPath, [...launcherNodeFlags, '--cpu-prof', `--cpu-prof-dir=${profileDir}`, 'dist/cli/main.js', ...workerArgs], /taking runs from/)
		: await startProcess('sage-console worker', launcher, workerArgs, /taking runs from/);
	const [{resolvePaths}, {SchedulerHost}, {queueJobId, runKeys}, {decodeEntry}] = await Promise.all([
		fromDist<typeof PathsModule>('host/paths.js'),
		fromDist<typeof HostModule>('host/scheduler-host.js'),
		fromDist<typeof KeysModule>('remote/remote-keys.js'),
		fromDist<typeof EventsModule>('remote/run-events.js'),
	]);
	const host = SchedulerHost.open({paths: resolvePaths({root}), logToStdout: false, schedules: true});
	const reader = new Redis(url, {maxRetriesPerRequest: null});
	await host.start();
	const run = () => {
		const submitted = host.scheduler.submit('noop');
		if (!submitted.ok) {
			throw new BenchError(`sage-console refused a run: ${submitted.reason}`);
		}

		return submitted.run.id;
	};

	const finished = async (ids: number[]) => {
		const records = await Promise.all(ids.map(async id => host.scheduler.whenFinished(id)));
		for (const record of records) {
			if (record?.status !== 'success') {
				throw new BenchError(`sage-console worker: run ${record?.id ?? '?'} ended ${record?.status ?? 'unknown'}: ${record?.error?.message ?? ''}`);
			}
		}

		return records.map(record => record!);
	};

	// Warm-up: the worker's job threads are started and kept for reuse, as on a box that runs all day.
	await finished(Array.from({length: settings.warmRuns}, () => run()));
	return {
		name: 'sage-console worker',
		latencyMetric: 'workers_fire_to_start',
		workerPid: worker.child.pid!,
		async spaced(count) {
			const ids: number[] = [];
			for (let i = 0; i < count; i++) {
				ids.push(run());
				await sleep(settings.spacingMs);
			}

			const starts: number[] = [];
			const codeStarts: number[] = [];
			for (const record of await finished(ids)) {
				const entries = await reader.xrange(runKeys(queueJobId({...record, runId: record.id})).events, '-', '+');
				for (const event of entries.flatMap(([, fields]) => decodeEntry(fields))) {
					if (event.t === 'taken') {
						starts.push(event.at - record.scheduledAt);
					} else if (event.t === 'started') {
						codeStarts.push(event.at - record.scheduledAt);
					}
				}
			}

			return {starts, codeStarts};
		},
		async burst(count) {
			const started = Date.now();
			const records = await finished(Array.from({length: count}, () => run()));
			return Math.max(...records.map(record => record.finishedAt ?? Number.NaN)) - started;
		},
		async close() {
			await host.close('cancel');
			reader.disconnect();
			await stop(worker.child);
			rmSync(root, {recursive: true, force: true});
		},
	};
}

type Figures = {p99: number; runsPerSecond: number};

const latency = (values: readonly number[]) => ({p50_ms: round(percentile(values, 50)), p99_ms: round(percentile(values, 99)), max_ms: round(Math.max(...values))});

export async function measureWorkers(options: WorkersOptions = {}): Promise<Row[]> {
	requirePeer('redis-server', 'redis-server', ['--version'], 'apt-get install redis-server');
	const concurrency = options.concurrency ?? 4;
	const settings: Settings = {runs: options.runs ?? 500, samples: options.samples ?? 300, rounds: options.rounds ?? 3, concurrency, spacingMs: options.spacingMs ?? 15, warmRuns: options.warmRuns ?? concurrency * 2};
	const port = await freePort();
	const redis = await startProcess('redis-server', 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'], /Ready to accept connections/);
	const subjects: Subject[] = [];
	try {
		subjects.push(await bareSubject(port, settings), await sageSubject(port, settings), await bareSubject(port, settings, true));
		const measured = new Map(subjects.map(subject => [subject, {starts: [] as number[], codeStarts: [] as number[], ms: 0, runs: 0, cpu: {producer: 0, worker: 0, redis: 0}}]));
		const perRound = Math.ceil(settings.samples / settings.rounds);
		for (let round = 0; round < settings.rounds; round++) {
			for (const subject of subjects) {
				const spaced = await subject.spaced(perRound);
				measured.get(subject)!.starts.push(...spaced.starts);
				measured.get(subject)!.codeStarts.push(...spaced.codeStarts ?? []);
			}

			for (const subject of subjects) {
				const pids = [process.pid, subject.workerPid, redis.child.pid!];
				const before = pids.map(pid => cpuSeconds(pid));
				const ms = await subject.burst(settings.runs);
				const after = pids.map(pid => cpuSeconds(pid));
				const entry = measured.get(subject)!;
				entry.ms += ms;
				entry.runs += settings.runs;
				entry.cpu.producer += after[0]! - before[0]!;
				entry.cpu.worker += after[1]! - before[1]!;
				entry.cpu.redis += after[2]! - before[2]!;
			}
		}

		const rows: Row[] = [];
		const figures = new Map<Subject, Figures>();
		for (const subject of subjects) {
			const entry = measured.get(subject)!;
			const starts = requireSamples(subject.name, subject.latencyMetric, entry.starts, perRound * settings.rounds);
			const runsPerSecond = entry.ms > 0 ? entry.runs / (entry.ms / 1000) : Number.NaN;
			const perRun = (seconds: number) => round((seconds * 1000) / entry.runs, 2);
			const start = latency(starts);
			figures.set(subject, {p99: start.p99_ms, runsPerSecond});
			rows.push(
				{metric: subject.latencyMetric, subject: subject.name, ...start, samples: starts.length},
				{metric: 'workers_throughput', subject: subject.name, runs_per_s: round(runsPerSecond), runs: entry.runs, concurrency: settings.concurrency, cpu_ms_per_run_producer: perRun(entry.cpu.producer), cpu_ms_per_run_worker: perRun(entry.cpu.worker), cpu_ms_per_run_redis: perRun(entry.cpu.redis)},
			);
			if (entry.codeStarts.length > 0) {
				rows.push({metric: 'workers_fire_to_code', subject: subject.name, ...latency(entry.codeStarts), samples: entry.codeStarts.length});
			}
		}

		const [bare, sage, sandboxedFigures] = subjects.map(subject => figures.get(subject)!) as [Figures, Figures, Figures];
		rows.push(
			{metric: 'workers_vs_bare', subject: 'sage-console / bare bullmq', p99_delta_ms: round(sage.p99 - bare.p99), p99_ratio: round(sage.p99 / bare.p99, 2), throughput_ratio: round(sage.runsPerSecond / bare.runsPerSecond, 2)},
			{metric: 'workers_vs_sandboxed', subject: 'sage-console / bare bullmq, sandboxed', throughput_ratio: round(sage.runsPerSecond / sandboxedFigures.runsPerSecond, 2)},
		);
		checkFigures(rows);
		return rows;
	} finally {
		for (const subject of subjects) {
			await subject.close().catch((error: unknown) => {
				process.stderr.write(`closing ${subject.name}: ${(error as Error).message}\n`);
			});
		}

		await stop(redis.child);
	}
}

/** Issue 27's targets on the rows of measureWorkers. */
export function workerTargets(rows: readonly Row[]): Verdict[] {
	const ratio = rows.find(row => row.metric === 'workers_vs_bare');
	if (!ratio) {
		return [];
	}

	const delta = Number(ratio.p99_delta_ms);
	const share = Number(ratio.throughput_ratio);
	return [
		{target: 'runs on workers: fire → start p99 ≤ bare BullMQ + 10 ms', measured: `${delta >= 0 ? '+' : ''}${delta} ms`, met: delta <= 10},
		{target: 'runs on workers: throughput ≥ 50% of bare BullMQ', measured: `${Math.round(share * 100)}%`, met: share >= 0.5},
	];
}

/** The short run of `npm run bench -- --quick`. */
export const quickWorkers: WorkersOptions = {runs: 200, samples: 120, rounds: 2};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const warmAt = process.argv.indexOf('--warm');
	const warmRuns = warmAt === -1 ? undefined : Number(process.argv[warmAt + 1]);
	if (warmRuns !== undefined && !(Number.isInteger(warmRuns) && warmRuns >= 0)) {
		throw new BenchError(`--warm takes a number of runs, not ${process.argv[warmAt + 1] ?? 'nothing'}`);
	}

	const rows = await measureWorkers({...(process.argv.includes('--quick') ? quickWorkers : {}), ...(warmRuns === undefined ? {} : {warmRuns})});
	for (const row of rows) {
		const {metric, subject, ...rest} = row;
		process.stdout.write(`${metric.padEnd(24)} ${subject.padEnd(38)} ${Object.entries(rest).map(([key, value]) => `${key}=${value}`).join('  ')}\n`);
	}

	for (const verdict of workerTargets(rows)) {
		process.stdout.write(`  ${verdict.met ? 'met   ' : 'MISSED'}  ${verdict.target}: ${verdict.measured}\n`);
	}
}

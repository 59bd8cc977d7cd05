/**
 * The HTTP API under load, at 1,000,000 history rows: latency of `GET /v1/status` and `GET /v1/runs`
 * (p50/p99) while a client polls at 100 requests a second and another follows `/v1/events`, and the
 * fire lateness of an every-second job measured in the same run without that load and with it — the API
 * must not make the scheduler late (issue 26: p99 under load ≤ p99 without + 5 ms). The quiet and the
 * loaded phases take turns (three rounds), so a change in what else the machine does falls on both.
 * The scheduler is `sage-console --headless --http` in a process of its own (clients live elsewhere on a
 * real box), its API on a thread of its own; lateness is scheduled instant → run queued, read from the
 * protocol's `run-queued` events over the unix socket. CPU is read per thread: the scheduler's (the main
 * thread) and the API's (its tid from the "listening" log line).
 * Usage: `measureApi({rows, seconds})` → rows (`seconds` per phase); `apiTargets(rows)` → verdicts;
 * `tsx bench/measure-api.ts [ROWS] [SECONDS]` prints both.
 */
import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync, statSync, writeFileSync, mkdirSync} from 'node:fs';
import {loadavg, tmpdir} from 'node:os';
import path from 'node:path';
import {connectToScheduler} from '../src/host/socket-client.js';
import {resolvePaths} from '../src/host/paths.js';
import {HistoryStore} from '../src/store/history-store.js';
import {openDatabase} from '../src/store/open-database.js';
import type {Row} from './lib/integrity.js';
import {cpuSeconds, percentile, round, threadCpuSeconds} from './lib/stats.js';
import type {Verdict} from './lib/targets.js';
import {launcher, launcherNodeFlags, projectRoot, sleep} from './lib/processes.js';

export type ApiRow = {metric: string; subject: string} & Record<string, string | number>;

const dayMs = 86_400_000;
/** Quiet and loaded phases take turns this many times. */
const rounds = 3;
/** Issue 26's "unchanged": fire lateness p99 under the API's load at most this much above without it. */
const allowedDeltaMs = 5;
const historyJobs = 30;
const statuses = ['success', 'success', 'success', 'success', 'success', 'success', 'success', 'failed', 'timeout', 'skipped'] as const;

function fillHistory(dbFile: string, rows: number, now: number): void {
	const db = openDatabase(dbFile);
	const store = new HistoryStore(db);
	const span = 730 * dayMs;
	const insert = () => {
		for (let i = 0; i < rows; i++) {
			const scheduledAt = now - span + Math.floor((i / rows) * span);
			const status = statuses[i % statuses.length]!;
			store.insertRun({
				id: store.nextRunId(), jobId: `job_${i % historyJobs}`, trigger: 'schedule', status, scheduledAt, startedAt: scheduledAt + 3, finishedAt: scheduledAt + 900,
				durationMs: 897, attempt: 1, progress: 1, message: 'done', logPath: `/logs/jobs/${i}.log`, tradeDate: new Date(scheduledAt).toISOString().slice(0, 10),
				...(status === 'success' || status === 'skipped' ? {} : {error: {type: 'DataFeedError', message: 'feed returned 502', stack: 'DataFeedError: feed returned 502\n    at fetchBars (jobs/x.ts:3:9)'}}),
			});
		}
	};

	store.atomically(insert);
	db.close();
}

function project(rows: number): {root: string; now: number} {
	const root = mkdtempSync(path.join(tmpdir(), 'sage-bench-api-'));
	mkdirSync(path.join(root, 'config'), {recursive: true});
	mkdirSync(path.join(root, 'jobs'), {recursive: true});
	mkdirSync(path.join(root, 'data'), {recursive: true});
	writeFileSync(path.join(root, 'package.json'), '{"type": "module"}\n');
	writeFileSync(path.join(root, 'jobs/tick.mjs'), 'export default function run() { return 1; }\n');
	writeFileSync(path.join(root, 'config/jobs.yaml'), [
		'warm_workers: 1',
		// The history spans 730 days: kept whole, so no retention sweep deletes rows while it is measured.
		'retention: {runs_days: 1000}',
		'http: {listen: "127.0.0.1:0"}',
		'jobs:',
		'  - {id: tick, cron: "* * * * * *", module: jobs/tick.mjs, concurrency: allow}',
		...Array.from({length: historyJobs}, (_, i) => `  - {id: job_${i}, trigger: manual, command: ["true"]}`),
		'',
	].join('\n'));
	const now = Date.now();
	fillHistory(path.join(root, 'data/sage.db'), rows, now);
	return {root, now};
}

/** dist/ is at least as new as the API's sources (`npm run bench` builds first). */
function builtIsCurrent(): boolean {
	const built = path.join(projectRoot, 'dist/host/http-api.js');
	const mtime = (file: string) => statSync(path.join(projectRoot, file)).mtimeMs;
	return existsSync(built) && ['src/host/http-api.ts', 'src/host/api-thread.ts', 'src/host/api-thread-entry.ts', 'src/http/http-server.ts', 'src/cli/main.tsx'].every(file => mtime(file) <= statSync(built).mtimeMs);
}

/** The headless scheduler: the built launcher when dist/ is current, else the source through tsx. */
function startScheduler(root: string) {
	const built = builtIsCurrent();
	const args = ['--root', root, '--headless', '--http', '127.0.0.1:0'];
	const child = built
		? spawn(process.execPath, [...launcherNodeFlags, launcher, ...args], {stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, SAGE_API_TOKENS: ''}})
		: spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/cli/main.tsx'), ...args], {stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, SAGE_API_TOKENS: ''}});
	let out = '';
	const url = new Promise<{url: string; apiTid?: number}>((resolve, reject) => {
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			// Read on to the end: a full pipe would block the scheduler's log writes.
			if (out.length < 100_000) {
				out += chunk;
			}

			const match = /HTTP API listening on (http:\/\/[\d.]+:\d+)/.exec(out);
			if (match) {
				const tid = /"tid":(\d+)[^\n]*HTTP API listening/.exec(out);
				resolve({url: match[1]!, apiTid: tid ? Number(tid[1]) : undefined});
			}
		});
		child.stderr.resume();
		child.on('exit', code => reject(new Error(`the scheduler exited (${code}) before its API listened: ${out.slice(-400)}`)));
	});
	return {child, url, built};
}

type Timed = {endpoint: string; ms: number; status: number};

/** 100 requests a second for `seconds`, alternating the snapshot and a page of runs (and one job's runs). */
async function poll(url: string, seconds: number, timings: Timed[]): Promise<void> {
	const paths = ['/v1/status', '/v1/runs?limit=50', '/v1/status', '/v1/runs?job=job_7&limit=50'];
	const inFlight = new Set<Promise<void>>();
	const end = Date.now() + (seconds * 1000);
	let i = 0;
	const started = performance.now();
	while (Date.now() < end) {
		const target = paths[i % paths.length]!;
		const request = (async () => {
			const at = performance.now();
			const response = await fetch(`${url}${target}`);
			await response.arrayBuffer();
			timings.push({endpoint: target.startsWith('/v1/runs?job') ? 'GET /v1/runs?job=…' : (target.startsWith('/v1/runs') ? 'GET /v1/runs' : 'GET /v1/status'), ms: performance.now() - at, status: response.status});
		})();
		inFlight.add(request);
		void request.finally(() => inFlight.delete(request));
		i++;
		// Paced by the wall clock, not by answers: a slow answer does not slow the poller down.
		const next = started + (i * 10);
		await sleep(Math.max(0, next - performance.now()));
	}

	await Promise.all(inFlight);
}

/** An SSE follower that reads everything the API sends (counted, not kept). */
async function follow(url: string, signal: AbortSignal): Promise<{events: number}> {
	const counter = {events: 0};
	const response = await fetch(`${url}/v1/events`, {signal});
	const reader = response.body!.getReader();
	const decoder = new TextDecoder();
	void (async () => {
		try {
			for (;;) {
				const {value, done} = await reader.read();
				if (done) {
					return;
				}

				counter.events += (decoder.decode(value).match(/\nevent: /g) ?? []).length;
			}
		} catch {
			// Aborted at the end.
		}
	})();
	return counter;
}

/** CPU seconds of the scheduler's thread and the API's so far. */
function threadCpu(pid: number, apiTid: number | undefined): {scheduler: number; api: number} {
	return {scheduler: cpuSeconds(pid, true), api: apiTid === undefined ? Number.NaN : threadCpuSeconds(pid, apiTid)};
}

type Phase = {from: number; to: number};

export async function measureApi(options: {rows?: number; seconds?: number} = {}): Promise<ApiRow[]> {
	const rows = options.rows ?? 1_000_000;
	const seconds = options.seconds ?? 60;
	const fillStarted = performance.now();
	const {root} = project(rows);
	const fillSeconds = (performance.now() - fillStarted) / 1000;
	const scheduler = startScheduler(root);
	const lateness: Array<{at: number; ms: number}> = [];
	try {
		const {url, apiTid} = await scheduler.url;
		const {client} = await connectToScheduler(resolvePaths({root}).socketFile, 'bench api');
		client.on('run-queued', run => {
			const queuedAt = (run as {queuedAt?: number}).queuedAt;
			if (run.jobId === 'tick' && run.trigger === 'schedule' && queuedAt !== undefined) {
				lateness.push({at: Date.now(), ms: queuedAt - run.scheduledAt});
			}
		});
		await client.request('subscribe', {tailLines: 0});
		// Warm up: workers started, the first fires past, the database's pages read once.
		await sleep(5000);
		await fetch(`${url}/v1/runs?limit=50`).then(async response => response.arrayBuffer());
		const pid = scheduler.child.pid!;
		const sliceMs = (seconds * 1000) / rounds;
		const quiet: Phase[] = [];
		const loaded: Phase[] = [];
		const cpu = {quiet: {scheduler: 0, api: 0}, loaded: {scheduler: 0, api: 0}};
		const timings: Timed[] = [];
		let sseEvents = 0;
		const spent = async (phase: 'quiet' | 'loaded', run: () => Promise<void>) => {
			const before = threadCpu(pid, apiTid);
			const from = Date.now();
			await run();
			(phase === 'quiet' ? quiet : loaded).push({from, to: Date.now()});
			const after = threadCpu(pid, apiTid);
			cpu[phase].scheduler += after.scheduler - before.scheduler;
			cpu[phase].api += after.api - before.api;
		};

		// CPU time per thread and phase: unlike latencies, it does not depend on what else the machine does.
		for (let turn = 0; turn < rounds; turn++) {
			await spent('quiet', async () => {
				await sleep(sliceMs);
			});
			await spent('loaded', async () => {
				const stopFollowing = new AbortController();
				const follower = await follow(url, stopFollowing.signal);
				await poll(url, sliceMs / 1000, timings);
				stopFollowing.abort();
				sseEvents += follower.events;
			});
		}

		client.close();
		const within = (phases: Phase[]) => lateness.filter(sample => phases.some(({from, to}) => sample.at >= from && sample.at < to)).map(sample => sample.ms);
		const duration = (phases: Phase[]) => phases.reduce((sum, {from, to}) => sum + (to - from), 0) / 1000;
		// The machine's load when measured: on two cores another busy process changes every figure here.
		const result: ApiRow[] = [{metric: 'api_history_fill', subject: 'sage-console', rows, seconds: round(fillSeconds, 1), scheduler: scheduler.built ? 'dist (launcher)' : 'source (tsx)', loadavg_1m_at_end: round(loadavg()[0]!, 2)}];
		for (const endpoint of ['GET /v1/status', 'GET /v1/runs', 'GET /v1/runs?job=…']) {
			const times = timings.filter(timing => timing.endpoint === endpoint);
			result.push({
				metric: 'api_latency', subject: 'sage-console', endpoint, rows, requests: times.length, errors: times.filter(timing => timing.status !== 200).length,
				p50_ms: round(percentile(times.map(timing => timing.ms), 50), 2), p99_ms: round(percentile(times.map(timing => timing.ms), 99), 2), max_ms: round(Math.max(...times.map(timing => timing.ms)), 1),
			});
		}

		const achieved = timings.length / duration(loaded);
		const perSecond = (cpuSeconds: number, phases: Phase[]) => round((cpuSeconds * 1000) / duration(phases), 1);
		const extra = (thread: 'scheduler' | 'api') => round(((cpu.loaded[thread] - (cpu.quiet[thread] * (duration(loaded) / duration(quiet)))) * 1000) / timings.length, 3);
		result.push({
			metric: 'api_scheduler_thread_cpu', subject: 'sage-console',
			quiet_ms_per_s: perSecond(cpu.quiet.scheduler, quiet), loaded_ms_per_s: perSecond(cpu.loaded.scheduler, loaded), per_request_ms: extra('scheduler'),
		});
		if (apiTid !== undefined) {
			result.push({
				metric: 'api_thread_cpu', subject: 'sage-console',
				quiet_ms_per_s: perSecond(cpu.quiet.api, quiet), loaded_ms_per_s: perSecond(cpu.loaded.api, loaded), per_request_ms: extra('api'),
			});
		}

		const quietSamples = within(quiet);
		const loadedSamples = within(loaded);
		for (const [load, samples] of [['none', quietSamples], ['100 req/s + SSE follower', loadedSamples]] as const) {
			result.push({metric: 'api_fire_lateness', subject: 'sage-console', load, samples: samples.length, p50_ms: round(percentile(samples, 50), 1), p99_ms: round(percentile(samples, 99), 1), max_ms: round(Math.max(...samples), 1), ...(load === 'none' ? {} : {req_per_s: round(achieved, 1), sse_events: sseEvents})});
		}

		result.push({
			metric: 'api_fire_lateness_delta', subject: 'sage-console', rounds,
			p50_delta_ms: round(percentile(loadedSamples, 50) - percentile(quietSamples, 50), 1), p99_delta_ms: round(percentile(loadedSamples, 99) - percentile(quietSamples, 99), 1),
		});
		return result;
	} finally {
		if (scheduler.child.exitCode === null && scheduler.child.signalCode === null) {
			scheduler.child.kill('SIGTERM');
			await new Promise(resolve => {
				scheduler.child.once('exit', resolve);
				setTimeout(resolve, 10_000);
			});
		}

		rmSync(root, {recursive: true, force: true});
	}
}

/** Issue 26's targets, judged on `measureApi`'s rows. */
export function apiTargets(rows: readonly Row[]): Verdict[] {
	const verdicts: Verdict[] = [];
	const quiet = rows.find(row => row.metric === 'api_fire_lateness' && row.load === 'none');
	const loaded = rows.find(row => row.metric === 'api_fire_lateness' && row.load !== 'none');
	if (quiet && loaded) {
		const delta = Number(loaded.p99_ms) - Number(quiet.p99_ms);
		verdicts.push({
			target: `fire lateness p99 unchanged under the API's load (100 req/s + SSE): ≤ without + ${allowedDeltaMs} ms`,
			measured: `${loaded.p99_ms} ms loaded vs ${quiet.p99_ms} ms quiet (${delta >= 0 ? '+' : ''}${round(delta, 1)} ms)`,
			met: delta <= allowedDeltaMs,
		});
		verdicts.push({target: 'the poller reaches 100 req/s', measured: `${loaded.req_per_s} req/s`, met: Number(loaded.req_per_s) >= 95});
	}

	const latencies = rows.filter(row => row.metric === 'api_latency');
	if (latencies.length > 0) {
		const errors = latencies.reduce((sum, row) => sum + Number(row.errors), 0);
		verdicts.push({target: 'every API request answered 200 at 1,000,000 rows', measured: `${errors} errors; p99 ${latencies.map(row => `${String(row.endpoint)} ${row.p99_ms} ms`).join(', ')}`, met: errors === 0});
	}

	return verdicts;
}

// `tsx bench/measure-api.ts [ROWS] [SECONDS]` runs it alone and prints the rows.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(projectRoot, 'bench/measure-api.ts')) {
	const [rowsArg, secondsArg] = process.argv.slice(2).map(Number);
	const measured = await measureApi({rows: rowsArg || undefined, seconds: secondsArg || undefined});
	for (const row of measured) {
		process.stdout.write(`${JSON.stringify(row)}\n`);
	}

	for (const verdict of apiTargets(measured)) {
		process.stdout.write(`${verdict.met ? 'met   ' : 'MISSED'} ${verdict.target}: ${verdict.measured}\n`);
	}
}

/**
 * How long from "start this run" to the job's first line, for the ways a module job can be isolated:
 * a fresh worker thread, a pre-booted (warm) worker from the pool, and a forked child process.
 * Run: npx tsx bench/runner-start.ts [samples]
 */
import {fork} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {WarmWorkerPool} from '../src/runner/warm-worker-pool.js';
import {ModuleRunner} from '../src/runner/module-runner.js';
import type {RunSpec} from '../src/engine/ports.js';
import {scratchDir} from './subjects/scratch-dir.mjs';

const samples = Number(process.argv[2] ?? 30);
const dir = scratchDir('sage-bench-');
writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
const job = path.join(dir, 'first-line.ts');
writeFileSync(job, 'export default function run(ctx: any) { ctx.progress(0, String(performance.timeOrigin + performance.now())); return 1; }\n');
const child = path.join(dir, 'child.mjs');
writeFileSync(child, 'process.send(performance.timeOrigin + performance.now()); process.exit(0);\n');

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function spec(runId: number): RunSpec {
	const paths = {root: dir, data: dir, processed: dir, features: dir, reports: dir, logs: dir};
	return {runId, jobId: 'bench', target: {kind: 'module', path: job}, params: {}, scheduledAt: Date.now(), attempt: 1, timeZone: 'UTC', logPath: path.join(dir, `${runId}.log`), paths};
}

async function timeModuleRuns(pool: WarmWorkerPool, pauseMs: number): Promise<number[]> {
	const times: number[] = [];
	for (let i = 0; i < samples; i++) {
		await new Promise(resolve => {
			setTimeout(resolve, pauseMs);
		});
		const started = performance.timeOrigin + performance.now();
		let firstLine = 0;
		const handle = new ModuleRunner(pool).start(spec(i), {progress(_f, message) {
			firstLine = Number(message);
		}, log() {}});
		await handle.done;
		times.push(firstLine - started);
	}

	return times;
}

async function timeForks(): Promise<number[]> {
	const times: number[] = [];
	for (let i = 0; i < samples; i++) {
		const started = performance.timeOrigin + performance.now();
		const first = await new Promise<number>(resolve => {
			fork(child).once('message', message => resolve(Number(message)));
		});
		times.push(first - started);
	}

	return times;
}

const cold = new WarmWorkerPool(0);
const warm = new WarmWorkerPool(1);
await new Promise(resolve => {
	setTimeout(resolve, 1000);
});
const rows = [
	['fresh worker + tsx', await timeModuleRuns(cold, 0)],
	['warm worker (pool of 1)', await timeModuleRuns(warm, 400)],
	['fork (plain .mjs, no tsx)', await timeForks()],
] as const;
await cold.close();
await warm.close();
console.log(`start → job's first line, ${samples} samples, node ${process.version}`);
for (const [name, times] of rows) {
	console.log(`${name.padEnd(28)} p50 ${percentile(times, 50).toFixed(1).padStart(6)} ms   p99 ${percentile(times, 99).toFixed(1).padStart(6)} ms`);
}

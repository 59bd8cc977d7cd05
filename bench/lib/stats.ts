import {readFileSync} from 'node:fs';

export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) {
		return Number.NaN;
	}

	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const round = (value: number, digits = 1) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : value);

/**
 * CPU seconds (user + system) a process has used so far, from /proc/PID/stat; with `mainThreadOnly`,
 * only its main thread's (/proc/PID/task/PID/stat), leaving out job worker threads.
 */
export function cpuSeconds(pid: number, mainThreadOnly = false): number {
	const file = mainThreadOnly ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`;
	const fields = readFileSync(file, 'utf8').split(') ')[1]!.split(' ');
	const ticks = Number(fields[11]) + Number(fields[12]);
	return ticks / 100;
}

/** CPU seconds one thread of a process has used, from /proc/PID/task/TID/stat. */
export function threadCpuSeconds(pid: number, tid: number): number {
	const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
	return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Resident memory of a process in MB, from /proc/PID/status. */
export function rssMb(pid: number): number {
	const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** All descendants of a process (workers are threads; child processes are found here). */
export function descendants(pid: number): number[] {
	try {
		const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
		return children.flatMap(child => [child, ...descendants(child)]);
	} catch {
		return [];
	}
}

export type FireSample = {job: number; second: number; latenessMs: number};

/** Lateness figures plus missed and doubled (job, second) slots within the window. */
export function fireFigures(samples: readonly FireSample[], jobs: number, fromSecond: number, toSecond: number) {
	const inWindow = samples.filter(sample => sample.second >= fromSecond && sample.second < toSecond);
	const seen = new Map<string, number>();
	for (const sample of inWindow) {
		const key = `${sample.job}:${sample.second}`;
		seen.set(key, (seen.get(key) ?? 0) + 1);
	}

	const expected = jobs * (toSecond - fromSecond);
	const lateness = inWindow.map(sample => sample.latenessMs);
	return {
		p50_ms: round(percentile(lateness, 50)),
		p99_ms: round(percentile(lateness, 99)),
		max_ms: round(Math.max(...lateness)),
		missed: expected - seen.size,
		doubled: [...seen.values()].reduce((sum, count) => sum + count - 1, 0),
	};
}

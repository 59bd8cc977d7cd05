import {fireFigures, type FireSample} from './lib/stats.js';
import {capture, launcherNodeFlags} from './lib/processes.js';

export type Row = {metric: string; subject: string} & Record<string, number | string>;

type Subject = {name: string; run: (jobs: number, seconds: number) => Promise<{samples: FireSample[]; start?: FireSample[]}>};

const subjects: Subject[] = [
	{name: 'croner', run: async (jobs, seconds) => ({samples: JSON.parse(await capture('node', ['bench/peers/croner-peer.mjs', String(jobs), String(seconds)])) as FireSample[]})},
	{name: 'node-cron', run: async (jobs, seconds) => ({samples: JSON.parse(await capture('node', ['bench/peers/node-cron-peer.mjs', String(jobs), String(seconds)])) as FireSample[]})},
	{name: 'apscheduler', run: async (jobs, seconds) => ({samples: JSON.parse(await capture('/usr/bin/python3', ['bench/peers/aps_peer.py', String(jobs), String(seconds)])) as FireSample[]})},
	{name: 'sage-console', async run(jobs, seconds) {
		const result = JSON.parse(await capture('node', [...launcherNodeFlags, 'bench/subjects/sage-fire.mjs', String(jobs), String(seconds)])) as {fire: FireSample[]; start: FireSample[]};
		return {samples: result.fire, start: result.start};
	}},
];

/**
 * The seconds every subject was surely running: from its first fire (plus one) or 5 s in, whichever
 * is later, to its last fire or the end, whichever is earlier. A slow start is not a missed slot.
 */
function activeWindow(samples: readonly FireSample[], startedAt: number, seconds: number): [number, number] {
	const fired = samples.map(sample => sample.second);
	const first = fired.length > 0 ? Math.min(...fired) : startedAt;
	const last = fired.length > 0 ? Math.max(...fired) : startedAt;
	return [Math.max(startedAt + 5, first + 1), Math.min(startedAt + seconds - 1, last)];
}

/**
 * Scheduled instant → callback (peers) or → fire and → the job's first line (sage-console), every
 * subject a separate process, all running at the same time. Start-up is left out (see activeWindow).
 */
export async function measureFire(metric: string, jobs: number, seconds: number): Promise<Row[]> {
	const startedAt = Math.floor(Date.now() / 1000);
	const results = await Promise.all(subjects.map(async subject => ({subject, result: await subject.run(jobs, seconds).catch((error: Error) => ({samples: [] as FireSample[], error: error.message}))})));
	const rows: Row[] = [];
	for (const {subject, result} of results) {
		if ('error' in result) {
			rows.push({metric, subject: subject.name, error: String(result.error).slice(0, 120)});
			continue;
		}

		const [from, to] = activeWindow(result.samples, startedAt, seconds);
		rows.push({metric, subject: subject.name, at: 'fire', ...fireFigures(result.samples, jobs, from, to)});
		if (result.start) {
			rows.push({metric, subject: 'sage-console', at: 'start', ...fireFigures(result.start, jobs, from, to - 1)});
		}
	}

	return rows;
}

/** 50 ms main-thread blocks at 25% duty plus WAL checkpoints: late, never lost. */
export async function measureBlocking(seconds: number): Promise<Row[]> {
	const jobs = 10;
	const startedAt = Math.floor(Date.now() / 1000);
	const result = JSON.parse(await capture('node', [...launcherNodeFlags, 'bench/subjects/sage-fire.mjs', String(jobs), String(seconds), 'block'])) as {fire: FireSample[]};
	const [from, to] = activeWindow(result.fire, startedAt, seconds);
	return [{metric: 'fire_lateness_blocked', subject: 'sage-console', at: 'fire', block_ms: 50, ...fireFigures(result.fire, jobs, from, to)}];
}

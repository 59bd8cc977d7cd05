import {capture} from './lib/processes.js';
import {BenchError, requireSamples, type Row} from './lib/integrity.js';
import {fireFigures, type FireSample} from './lib/stats.js';

type Samples = {fire: FireSample[]; start?: FireSample[]};

type Subject = {name: string; run: (jobs: number, seconds: number, rate: number) => Promise<Samples>};

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

const parse = (text: string) => JSON.parse(text) as Samples;

function subjects(beforeDir: string | undefined): Subject[] {
	const list: Subject[] = [
		{name: 'croner', run: async (jobs, seconds) => ({fire: JSON.parse(await capture('node', ['bench/peers/croner-peer.mjs', String(jobs), String(seconds)])) as FireSample[]})},
		{name: 'sage-console', run: async (jobs, seconds, rate) => parse(await capture('node', ['bench/subjects/sage-fire.mjs', String(jobs), String(seconds), String(rate)]))},
	];
	if (beforeDir) {
		list.push({name: 'sage-console before', run: async (jobs, seconds, rate) => parse(await capture('node', ['bench/subjects/before-fire.mjs', String(jobs), String(seconds), String(rate)], {BEFORE_DIR: beforeDir}))});
	}

	return list;
}

/**
 * Scheduled instant → the callback (croner) or → the run queued and → the job's first line
 * (sage-console, and its earlier version with `--before`), with JOBS jobs every second while the
 * console draws a log of RATE lines a second. Every subject a separate process; the sage-console
 * subjects one after another (each takes both cores' worth at times), croner beside each, so each
 * ratio is to a peer measured at the same time.
 */
export async function measureFire(metric: string, jobs: number, seconds: number, rate: number, beforeDir: string | undefined): Promise<Row[]> {
	const [croner, ...ours] = subjects(beforeDir);
	const rows: Row[] = [];
	for (const subject of ours) {
		const startedAt = Math.floor(Date.now() / 1000);
		const [peer, result] = await Promise.all([croner!.run(jobs, seconds, rate), subject.run(jobs, seconds, rate)]);
		const [from, to] = activeWindow(result.fire, startedAt, seconds);
		const peerFire = requireSamples(`croner beside ${subject.name}`, metric, peer.fire.filter(sample => sample.second >= from && sample.second < to), jobs);
		const fire = requireSamples(subject.name, metric, result.fire.filter(sample => sample.second >= from && sample.second < to), jobs);
		const start = requireSamples(`${subject.name} (start)`, metric, (result.start ?? []).filter(sample => sample.second >= from && sample.second < to - 1), jobs);
		const peerFigures = fireFigures(peerFire, jobs, from, to);
		const fireRow = fireFigures(fire, jobs, from, to);
		if (peerFigures.p99_ms <= 0) {
			throw new BenchError(`${metric} / croner: p99 ${peerFigures.p99_ms} ms cannot be a ratio's base`);
		}

		rows.push(
			{metric, subject: `croner (beside ${subject.name})`, at: 'callback', ...peerFigures},
			{metric, subject: subject.name, at: 'fire', lines_per_s: rate, ...fireRow, p99_vs_croner: Number((fireRow.p99_ms / peerFigures.p99_ms).toFixed(2)), p99_minus_croner_ms: Number((fireRow.p99_ms - peerFigures.p99_ms).toFixed(1))},
			{metric, subject: subject.name, at: 'start', lines_per_s: rate, ...fireFigures(start, jobs, from, to - 1)},
		);
	}

	return rows;
}

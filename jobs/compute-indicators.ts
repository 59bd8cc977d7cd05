import {mkdir, readdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import type {JobContext} from '../src/job-api.js';
import {readBars, type Bar} from './lib/bars-csv.js';

type Params = {windows?: number[]};

function movingAverage(bars: readonly Bar[], end: number, window: number): number | undefined {
	if (end + 1 < window) {
		return undefined;
	}

	let sum = 0;
	for (let i = end - window + 1; i <= end; i++) {
		sum += bars[i]!.close;
	}

	return sum / window;
}

/** Wilder's RSI over 14 bars. */
function rsi(bars: readonly Bar[], end: number, period = 14): number | undefined {
	if (end < period) {
		return undefined;
	}

	let gains = 0;
	let losses = 0;
	for (let i = end - period + 1; i <= end; i++) {
		const change = bars[i]!.close - bars[i - 1]!.close;
		gains += Math.max(change, 0);
		losses += Math.max(-change, 0);
	}

	return losses === 0 ? 100 : 100 - (100 / (1 + (gains / losses)));
}

const fixed = (n: number | undefined) => (n === undefined ? '' : n.toFixed(4));

/** Technical indicators (moving averages, RSI 14) from the synced daily bars into `data/features/`. */
export default async function computeIndicators(ctx: JobContext<Params>) {
	const windows = ctx.params.windows ?? [5, 10, 20];
	const barsDir = path.join(ctx.paths.processed, 'daily_bars');
	const files = (await readdir(barsDir)).filter(name => name.endsWith('.csv'));
	if (files.length === 0) {
		throw new Error(`no synced bars in ${barsDir}: run sync_daily_bars first`);
	}

	const outDir = path.join(ctx.paths.features, 'indicators');
	await mkdir(outDir, {recursive: true});
	for (const [i, file] of files.entries()) {
		if (ctx.signal.aborted) {
			return {symbols: i, stopped: true};
		}

		const bars = await readBars(path.join(barsDir, file));
		const header = ['date', 'close', ...windows.map(w => `ma${w}`), 'rsi14'].join(',');
		const rows = bars.map((bar, end) => [bar.date, bar.close, ...windows.map(w => fixed(movingAverage(bars, end, w))), fixed(rsi(bars, end))].join(','));
		await writeFile(path.join(outDir, file), `${header}\n${rows.join('\n')}\n`);
		ctx.progress((i + 1) / files.length, `${file.replace(/\.csv$/, '')} indicators`);
	}

	ctx.log.info({symbols: files.length, windows}, 'indicators written');
	return {symbols: files.length};
}

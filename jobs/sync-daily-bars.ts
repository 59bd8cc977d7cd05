import {mkdir, writeFile, rename} from 'node:fs/promises';
import path from 'node:path';
import type {JobContext} from '../src/job-api.js';
import {barsToCsv, readBars} from './lib/bars-csv.js';

type Params = {
	symbols: string[];
	/** Where bars come from: a folder of `<symbol>.csv` files. @default data/sample/bars */
	source?: {kind?: 'csv'; dir?: string};
};

/**
 * Pulls daily bars for each symbol up to the run's trade date from the source and writes them to
 * `data/processed/daily_bars/<symbol>.csv` (atomically). Reports progress per symbol.
 */
export default async function syncDailyBars(ctx: JobContext<Params>) {
	const symbols = ctx.params.symbols ?? [];
	if (symbols.length === 0) {
		throw new Error('params.symbols is empty: list the symbols to sync, e.g. ["600519.SH"]');
	}

	const sourceDir = path.resolve(ctx.paths.root, ctx.params.source?.dir ?? 'data/sample/bars');
	const outDir = path.join(ctx.paths.processed, 'daily_bars');
	await mkdir(outDir, {recursive: true});
	const upTo = ctx.tradeDate ?? '9999-12-31';
	ctx.log.info({symbols: symbols.length, sourceDir, upTo}, 'sync start');
	let rows = 0;
	const latest: Record<string, string | undefined> = {};
	for (const [i, symbol] of symbols.entries()) {
		if (ctx.signal.aborted) {
			ctx.log.warn({done: i}, 'stopped on request');
			return {rows, symbols: i, stopped: true};
		}

		const bars = (await readBars(path.join(sourceDir, `${symbol}.csv`))).filter(bar => bar.date <= upTo);
		const target = path.join(outDir, `${symbol}.csv`);
		await writeFile(`${target}.tmp`, barsToCsv(bars));
		await rename(`${target}.tmp`, target);
		rows += bars.length;
		latest[symbol] = bars.at(-1)?.date;
		ctx.log.info({symbol, bars: bars.length, latest: latest[symbol]}, 'synced');
		ctx.progress((i + 1) / symbols.length, `${symbol} done`);
	}

	return {rows, symbols: symbols.length, latest};
}

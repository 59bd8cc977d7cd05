import {mkdir, readdir, rename, writeFile} from 'node:fs/promises';
import path from 'node:path';
import type {JobContext} from '../src/job-api.js';
import {readBars} from './lib/bars-csv.js';

type Params = {source?: {dir?: string}};

/**
 * Snapshot of the latest quote per symbol into `data/processed/quotes.json`. The shipped source is
 * offline (the newest bar of each CSV); point `source.dir` at a folder your feed keeps current.
 */
export default async function refreshQuotes(ctx: JobContext<Params>) {
	const dir = path.resolve(ctx.paths.root, ctx.params.source?.dir ?? 'data/sample/bars');
	const files = (await readdir(dir)).filter(name => name.endsWith('.csv'));
	const quotes: Record<string, {price: number; date: string; changePct: number}> = {};
	for (const file of files) {
		const bars = await readBars(path.join(dir, file));
		const last = bars.at(-1);
		const previous = bars.at(-2);
		if (last) {
			quotes[file.replace(/\.csv$/, '')] = {
				price: last.close,
				date: last.date,
				changePct: previous ? Number((((last.close / previous.close) - 1) * 100).toFixed(2)) : 0,
			};
		}
	}

	await mkdir(ctx.paths.processed, {recursive: true});
	const target = path.join(ctx.paths.processed, 'quotes.json');
	await writeFile(`${target}.tmp`, JSON.stringify({at: new Date().toISOString(), quotes}, null, 2));
	await rename(`${target}.tmp`, target);
	ctx.log.info({symbols: Object.keys(quotes).length}, 'quotes refreshed');
	return {symbols: Object.keys(quotes).length};
}

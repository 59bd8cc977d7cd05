import {mkdir, readdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import type {JobContext} from '../src/job-api.js';
import {readBars, type Bar} from './lib/bars-csv.js';

type Params = {period?: 'daily' | 'weekly'; push?: boolean};

type Line = {symbol: string; close: number; changePct: number; ma5?: number; ma20?: number};

const average = (bars: readonly Bar[]) => bars.reduce((sum, bar) => sum + bar.close, 0) / bars.length;

function summarise(symbol: string, bars: readonly Bar[], span: number): Line | undefined {
	const last = bars.at(-1);
	const base = bars.at(-1 - span);
	if (!last || !base) {
		return undefined;
	}

	return {
		symbol,
		close: last.close,
		changePct: ((last.close / base.close) - 1) * 100,
		ma5: bars.length >= 5 ? average(bars.slice(-5)) : undefined,
		ma20: bars.length >= 20 ? average(bars.slice(-20)) : undefined,
	};
}

function trend(line: Line): string {
	if (line.ma5 === undefined || line.ma20 === undefined) {
		return '—';
	}

	return line.ma5 > line.ma20 ? 'up (MA5 > MA20)' : 'down (MA5 < MA20)';
}

/** The daily (or weekly) market report from synced bars: Markdown and HTML in `reports/`, optionally pushed. */
export default async function marketReport(ctx: JobContext<Params>) {
	const period = ctx.params.period ?? 'daily';
	const span = period === 'weekly' ? 5 : 1;
	const barsDir = path.join(ctx.paths.processed, 'daily_bars');
	const files = (await readdir(barsDir).catch(() => [] as string[])).filter(name => name.endsWith('.csv'));
	if (files.length === 0) {
		throw new Error(`no synced bars in ${barsDir}: run sync_daily_bars first`);
	}

	const lines: Line[] = [];
	for (const file of files) {
		const line = summarise(file.replace(/\.csv$/, ''), await readBars(path.join(barsDir, file)), span);
		if (line) {
			lines.push(line);
		}
	}

	lines.sort((a, b) => b.changePct - a.changePct);
	const day = ctx.tradeDate ?? new Date().toISOString().slice(0, 10);
	const title = `${period === 'weekly' ? 'Weekly' : 'Daily'} market report ${day}`;
	const rows = lines.map(l => `| ${l.symbol} | ${l.close.toFixed(2)} | ${l.changePct >= 0 ? '+' : ''}${l.changePct.toFixed(2)}% | ${trend(l)} |`);
	const markdown = [`# ${title}`, '', '| symbol | close | change | trend |', '|---|---:|---:|---|', ...rows, ''].join('\n');
	const html = `<h3>${title}</h3><table><tr><th>symbol</th><th>close</th><th>change</th><th>trend</th></tr>${lines.map(l => `<tr><td>${l.symbol}</td><td>${l.close.toFixed(2)}</td><td style="color:${l.changePct >= 0 ? '#c00' : '#080'}">${l.changePct.toFixed(2)}%</td><td>${trend(l)}</td></tr>`).join('')}</table>`;
	await mkdir(ctx.paths.reports, {recursive: true});
	const base = path.join(ctx.paths.reports, `${period}_${day}`);
	await writeFile(`${base}.md`, markdown);
	await writeFile(`${base}.html`, html);
	if (ctx.params.push) {
		ctx.notify(title, html);
	}

	ctx.log.info({symbols: lines.length, report: `${base}.md`}, 'report written');
	return {report: path.relative(ctx.paths.root, `${base}.md`), symbols: lines.length};
}

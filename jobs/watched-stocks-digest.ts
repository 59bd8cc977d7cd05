import {readFile} from 'node:fs/promises';
import path from 'node:path';
import type {JobContext} from '../src/job-api.js';
import {notificationChannels} from './daily-digest.js';
import {readBars} from './lib/bars-csv.js';

type User = {name?: string; watched_stocks?: string[]; notify_watched_stocks?: boolean};

/** Each user's watched stocks (from user_config.json) with the latest synced close and change, pushed to that user. */
export default async function watchedStocksDigest(ctx: JobContext) {
	if (notificationChannels(ctx.paths.root).length === 0) {
		ctx.log.warn('no notification channel configured; digest not sent');
		return {users: 0, sent: false};
	}

	const config = JSON.parse(await readFile(path.join(ctx.paths.root, 'config', 'user_config.json'), 'utf8')) as {users?: User[]};
	let sent = 0;
	for (const user of config.users ?? []) {
		if (!user.name || !user.watched_stocks?.length || user.notify_watched_stocks === false) {
			continue;
		}

		const rows: string[] = [];
		for (const symbol of user.watched_stocks) {
			const bars = await readBars(path.join(ctx.paths.processed, 'daily_bars', `${symbol}.csv`)).catch(() => []);
			const last = bars.at(-1);
			const previous = bars.at(-2);
			rows.push(last && previous
				? `<tr><td>${symbol}</td><td>${last.close.toFixed(2)}</td><td>${(((last.close / previous.close) - 1) * 100).toFixed(2)}%</td><td>${last.date}</td></tr>`
				: `<tr><td>${symbol}</td><td colspan="3">no synced bars</td></tr>`);
		}

		ctx.notify(`Watched stocks ${ctx.tradeDate ?? ''}`.trim(), `<table><tr><th>symbol</th><th>close</th><th>change</th><th>date</th></tr>${rows.join('')}</table>`, {users: [user.name]});
		sent++;
	}

	return {users: sent};
}

import {readdir, stat, unlink} from 'node:fs/promises';
import path from 'node:path';
import type {JobContext} from '../src/job-api.js';

type Params = {days?: number};

/** Deletes run logs (`logs/jobs/*.log`) last written more than `days` days ago. */
export default async function cleanOldLogs(ctx: JobContext<Params>) {
	const days = ctx.params.days ?? 30;
	if (!(days > 0)) {
		throw new Error(`params.days must be a positive number of days, not ${String(days)}`);
	}

	const dir = path.join(ctx.paths.logs, 'jobs');
	const cutoff = Date.now() - (days * 86_400_000);
	const names = (await readdir(dir).catch(() => [] as string[])).filter(name => name.endsWith('.log'));
	let deleted = 0;
	let freedBytes = 0;
	for (const [i, name] of names.entries()) {
		const file = path.join(dir, name);
		const info = await stat(file).catch(() => undefined);
		if (info && info.mtimeMs < cutoff) {
			await unlink(file);
			deleted++;
			freedBytes += info.size;
		}

		if (i % 100 === 0) {
			ctx.progress((i + 1) / names.length, `${deleted} deleted`);
		}
	}

	ctx.log.info({deleted, kept: names.length - deleted, freedBytes, days}, 'old run logs cleaned');
	return {deleted, kept: names.length - deleted, freedBytes};
}

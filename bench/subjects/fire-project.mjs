// The project the fire subjects run: JOBS module jobs on "* * * * * *" whose first line reports the
// instant it ran (as a progress message, ms to the microsecond), and a `chatter` job logging RATE lines
// a second for the whole run, so the console draws a moving log while jobs fire. The same project for
// sage-console and its earlier version (their config keys are the same). Returns its root folder.
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {scratchDir} from './scratch-dir.mjs';

export function fireProject(jobs, linesPerSecond, seconds, {earlierVersion = false} = {}) {
	const root = scratchDir('sage-bench-');
	mkdirSync(path.join(root, 'config'));
	mkdirSync(path.join(root, 'jobs'));
	writeFileSync(path.join(root, 'package.json'), '{"type":"module"}');
	writeFileSync(path.join(root, 'jobs/first-line.ts'), 'export default function run(ctx: any) { ctx.progress(0, String(performance.timeOrigin + performance.now())); return 1; }\n');
	writeFileSync(path.join(root, 'jobs/chatter.ts'), `export default async function run(ctx: any) {
	const perTick = Math.max(1, Math.round(ctx.params.rate / 100));
	let n = 0;
	while (!ctx.signal.aborted) {
		for (let i = 0; i < perTick; i++) ctx.log.info({n: ++n}, 'quote tick ' + n);
		await new Promise(r => setTimeout(r, 10));
	}
	return {lines: n};
}
`);
	const lines = Array.from({length: jobs}, (_, i) => `  - {id: job_${i}, cron: "* * * * * *", module: jobs/first-line.ts, concurrency: allow}`);
	const chatter = linesPerSecond > 0 ? [`  - {id: chatter, trigger: date, run_date: "${new Date(Date.now() + 1500).toISOString()}", module: jobs/chatter.ts, params: {rate: ${linesPerSecond}}, timeout: ${seconds + 30}s}`] : [];
	// Every job keeps its own worker between its runs (the earlier version shared its warm workers
	// between jobs and has no idle_workers).
	const workers = earlierVersion ? '' : `idle_workers: ${jobs + 4}\n`;
	writeFileSync(path.join(root, 'config/jobs.yaml'), `max_parallel: 16\nwarm_workers: 8\n${workers}jobs:\n${[...chatter, ...lines].join('\n')}\n`);
	return root;
}

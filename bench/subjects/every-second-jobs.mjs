// A project for the fire subjects: JOBS module jobs on "* * * * * *" whose first line reports the
// instant it ran (ms, sub-millisecond), under eight slots and eight reused workers, so a second's runs
// queue for a free worker rather than spawning threads (SAGE_BENCH_WORKERS sets another number, for
// trying a subject by hand). Returns the project's root folder.
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {scratchDir} from './scratch-dir.mjs';

export function everySecondJobs(jobs) {
	const root = scratchDir('sage-bench-');
	mkdirSync(path.join(root, 'config'));
	mkdirSync(path.join(root, 'jobs'));
	writeFileSync(path.join(root, 'package.json'), '{"type":"module"}');
	writeFileSync(path.join(root, 'jobs/first-line.ts'), 'export default function run(ctx: any) { ctx.progress(0, String(performance.timeOrigin + performance.now())); return 1; }\n');
	const lines = Array.from({length: jobs}, (_, i) => `  - {id: job_${i}, cron: "* * * * * *", module: jobs/first-line.ts, concurrency: allow}`);
	const workers = Math.min(jobs, Number(process.env.SAGE_BENCH_WORKERS ?? 8));
	writeFileSync(path.join(root, 'config/jobs.yaml'), `max_parallel: ${workers}\nwarm_workers: ${workers}\njobs:\n${lines.join('\n')}\n`);
	return root;
}

// The project the soak and the allocation profile run: a job logging 100 lines/s for as long as it
// runs (starting 2 s from now) and a command every 5 seconds, in a scratch folder. Returns its root.
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {scratchDir} from './scratch-dir.mjs';

export function chatterProject(prefix) {
	const root = scratchDir(prefix);
	mkdirSync(path.join(root, 'config'));
	mkdirSync(path.join(root, 'jobs'));
	writeFileSync(path.join(root, 'package.json'), '{"type":"module"}');
	writeFileSync(path.join(root, 'jobs/chatter.ts'), `export default async function run(ctx: any) {
	let n = 0;
	while (!ctx.signal.aborted) { ctx.log.info({n: ++n}, 'quote tick ' + n); await new Promise(r => setTimeout(r, 10)); }
}
`);
	writeFileSync(path.join(root, 'config/jobs.yaml'), `jobs:
  - {id: chatter, trigger: date, run_date: "${new Date(Date.now() + 2000).toISOString()}", module: jobs/chatter.ts}
  - {id: tick, cron: "*/5 * * * * *", command: ["true"]}
`);
	return root;
}

import {schedulerStarted, type HeadlessProcesses, type startCli} from './run-cli.js';
import {serviceLogPath} from './service-log.js';
import type {trackServiceProcesses} from './service-processes.js';
import type {TempRoot} from './temp-root.js';

export type HeadlessFeed = {
	root: TempRoot;
	scheduler: ReturnType<typeof startCli>;
	/** The service's output file, logs/services/feed.log. */
	log: string;
};

/**
 * A built `sage-console --headless` (started by `processes`) on a new root whose one service, `feed`,
 * runs `script` (written as feed.sh) with `fields` added to its entry in jobs.yaml (zone UTC); `cwd`
 * runs it in the root. Its processes are ended after the test (`services`). Returned once the
 * scheduler listens.
 */
export async function headlessWithFeed(
	processes: HeadlessProcesses,
	services: ReturnType<typeof trackServiceProcesses>,
	script: string,
	options: {fields: string[]; cwd?: boolean},
): Promise<HeadlessFeed> {
	const root = processes.makeRoot({'feed.sh': script});
	services.watch(root.dir);
	const log = serviceLogPath(root.dir, 'feed');
	const fields = [...(options.cwd ? [`cwd: ${root.dir}`] : []), ...options.fields].map(field => `    ${field}\n`).join('');
	root.write('config/jobs.yaml', `timezone: UTC
services:
  - id: feed
    command: ["sh", "${root.dir}/feed.sh"]
${fields}`);
	const scheduler = processes.start(root.dir);
	await schedulerStarted(scheduler);
	return {root, scheduler, log};
}

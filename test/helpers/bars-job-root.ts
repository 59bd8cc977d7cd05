import {cliOn, schedulerStarted, type HeadlessProcesses} from './run-cli.js';

/** A job module that runs and returns at once, for the missing-module tests. */
export const barsModule = 'export default async function run() { return {rows: 7}; }\n';

/**
 * A root whose jobs.yaml has one job, `bars` (jobs/bars.ts at 09:00), with jobs/quotes.ts beside it for
 * an edit to add, and its headless scheduler started: the root and `sage-console` on it.
 */
export async function startedBarsRoot(processes: HeadlessProcesses) {
	const root = processes.makeRoot({
		'config/jobs.yaml': 'jobs:\n  - {id: bars, cron: "0 9 * * *", module: jobs/bars.ts}\n',
		'jobs/bars.ts': barsModule,
		'jobs/quotes.ts': barsModule,
	});
	await schedulerStarted(processes.start(root.dir));
	return {root, cli: cliOn(root.dir)};
}

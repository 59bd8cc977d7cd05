/**
 * Set-up shared by the tests of a scheduler that starts on its root's last good job list (jobs.yaml
 * broken, missing or unreadable at start): what `status --json` says of it, a job whose firing shows
 * in a file, a clean stop, and a first start that leaves the last good list behind.
 */
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {expect} from 'vitest';
import {scrapeUntil} from './headless-api.js';
import {runCli, schedulerStarted, type HeadlessProcesses, type startCli} from './run-cli.js';
import {waitFor} from './wait-for.js';

export type ConfigStatus = {notices: string[]; jobs: Array<{id: string}>; configProblems: Array<{line: number; message: string}>};

/** `status --json` on `dir`; one that gives no JSON throws with its exit code and stderr (a bare JSON.parse said only "Unexpected end of JSON input"). */
export function configStatus(dir: string): ConfigStatus {
	const status = runCli(['status', '--json', '--root', dir]);
	try {
		return JSON.parse(status.stdout) as ConfigStatus;
	} catch (error) {
		throw new Error(`status --json gave no JSON (exit ${status.code}): ${status.stderr.trim() || 'nothing on stderr'}`, {cause: error});
	}
}

/** A job that appends a line to `file` every second. */
export function tickingJob(id: string, file: string): string {
	return `  - {id: ${id}, cron: "* * * * * *", command: ["sh", "-c", "echo tick >> '${file}'"]}\n`;
}

/** How many times a ticking job wrote to `file`. */
export function ticks(file: string): number {
	return existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0;
}

/** SIGTERM, and a clean exit. */
export async function stopScheduler(scheduler: ReturnType<typeof startCli>): Promise<void> {
	scheduler.child.kill('SIGTERM');
	expect(await scheduler.exited).toBe(0);
}

/** A start that applies the root's jobs.yaml and keeps it as the last good list, then a stop. */
export async function keepLastGood(processes: HeadlessProcesses, dir: string): Promise<void> {
	const scheduler = processes.start(dir);
	await schedulerStarted(scheduler);
	await waitFor(() => existsSync(path.join(dir, 'data/sage.last-good-jobs.yaml')), 20_000, 'the last good list to be kept');
	await stopScheduler(scheduler);
}

/** Scrapes /metrics until sage_config_problems is `value`. */
export async function configProblemsMetric(url: string, value: number): Promise<void> {
	await scrapeUntil(url, text => text.split('\n').includes(`sage_config_problems ${value}`), `sage_config_problems ${value}`);
}

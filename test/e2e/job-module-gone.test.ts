/**
 * A job's module file renamed or deleted while the scheduler runs (a `git mv`, a tidy-up): jobs.yaml
 * still names it, and the scheduler, which checked it at load, goes on. Its next run fails saying
 * which file is not there, not the bundler's `Could not resolve` (TypeScript) or a stat's ENOENT
 * over the job worker's own frames (JavaScript).
 */
import {renameSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();

describe('a job whose module file was renamed after the scheduler loaded it', () => {
	it('fails ModuleNotFound naming the file, in run, history and show; the scheduler goes on', async () => {
		const root = processes.makeRoot({
			'config/jobs.yaml': 'jobs:\n  - {id: bars_ts, trigger: manual, module: jobs/bars.ts}\n  - {id: bars_mjs, trigger: manual, module: jobs/bars.mjs}\n',
			'jobs/bars.ts': 'export default async function run() { return {rows: 1}; }\n',
			'jobs/bars.mjs': 'export default async function run() { return {rows: 2}; }\n',
		});
		const scheduler = processes.start(root.dir);
		await schedulerStarted(scheduler);
		expect(runCli(['run', 'bars_ts', '--root', root.dir]).code).toBe(0);
		for (const file of ['bars.ts', 'bars.mjs']) {
			renameSync(path.join(root.dir, 'jobs', file), path.join(root.dir, 'jobs', `old-${file}`));
		}

		for (const [jobId, file] of [['bars_ts', 'bars.ts'], ['bars_mjs', 'bars.mjs']]) {
			const run = runCli(['run', jobId!, '--root', root.dir]);
			const said = `ModuleNotFound: module file not found: ${path.join(root.dir, 'jobs', file!)} (renamed or deleted after config/jobs.yaml was loaded, or not in this checkout)`;
			expect(run.stdout).toContain(`${said}\n`);
			expect(run.stdout).not.toContain('worker-entry');
			expect(run.code).toBe(1);
			const [row] = JSON.parse(runCli(['history', '--json', '--job', jobId!, '--root', root.dir]).stdout) as Array<{id: number; error_type: string; error_message: string}>;
			expect(`${row!.error_type}: ${row!.error_message}`).toBe(said);
			expect(runCli(['show', String(row!.id), '--root', root.dir]).stdout).toContain(said);
		}

		expect(runCli(['status', '--root', root.dir]).code).toBe(0);
	});
});

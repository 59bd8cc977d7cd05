/**
 * A jobs.yaml of 5,000 jobs saved while the scheduler runs: it is read on a thread of its own, so an
 * every-second job keeps firing through the reload, and the new jobs apply.
 */
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {readRuns} from '../helpers/history-file.js';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

describe('a very large config edit', () => {
	it('is applied without holding up fires: no second of an every-second job is lost during the reload', async () => {
		const tick = '  - {id: tick, cron: "* * * * * *", command: ["true"]}\n';
		const root = processes.makeRoot({'jobs/x.ts': 'export default () => 1;\n', 'config/jobs.yaml': `jobs:\n${tick}`});
		const app = processes.start(root.dir);
		await schedulerStarted(app);
		await waitFor(() => readRuns(root.dir).length >= 2, 20_000, 'ticks recorded');
		const many = Array.from({length: 5000}, (_, i) => `  - {id: job_${i}, name: 作业 ${i}, cron: "${i % 60} ${i % 24} * * 1-5", calendar: trading-days, module: jobs/x.ts, params: {depth: ${i}}}\n`).join('');
		const editedAt = Date.now();
		writeFileSync(path.join(root.dir, 'config/jobs.yaml'), `jobs:\n${tick}${many}`);
		expect(readFileSync(path.join(root.dir, 'config/jobs.yaml')).length).toBeGreaterThan(400_000);
		await waitFor(() => app.output().stdout.includes('config reloaded: 5000 added'), 120_000, 'the reload');
		// Fires go on past the reload: a tick due 2 s after it was seen is in history, so any fire the
		// reload held up was due before it, and said (or lost) by then.
		const reloadedAt = Date.now();
		await waitFor(() => readRuns(root.dir).some(row => row.job_id === 'tick' && row.scheduled_at >= reloadedAt + 2000), 60_000, 'a tick due 2 s after the reload');
		const seconds = readRuns(root.dir).filter(row => row.job_id === 'tick' && row.scheduled_at >= editedAt - 1000).map(row => row.scheduled_at / 1000);
		// One run for every second from the edit on: none lost, none doubled, none coalesced. What the
		// scheduler said besides its ticks comes with a failure (a coalesced fire says when and why).
		const said = app.output().stdout.split('\n').filter(line => !/"jobId":"tick".*"msg":"run (started|finished)/.test(line)).join('\n');
		expect(new Set(seconds).size, said).toBe(seconds.length);
		expect(Math.max(...seconds) - Math.min(...seconds) + 1, said).toBe(seconds.length);
		expect(app.output().stdout).not.toMatch(/fire times? passed while the scheduler could not fire/);
		expect(JSON.parse(runCli(['status', '--json', '--root', root.dir]).stdout).jobs).toHaveLength(5001);
	}, 180_000);
});

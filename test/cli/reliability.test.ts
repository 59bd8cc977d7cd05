import {execFileSync, spawnSync} from 'node:child_process';
import {mkdirSync, readFileSync, rmSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {trackHeadlessProcesses, runCli, schedulerStarted} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {integrityCheck, readRuns} from '../helpers/history-file.js';
import {testJobs, type TempRoot} from '../helpers/temp-root.js';
import {canMountTmpfs} from '../helpers/tmpfs.js';

const processes = trackHeadlessProcesses();
let root: TempRoot | undefined;

describe('bad jobs never stop the scheduler', () => {
	it('each bad job ends as a clear failed/timeout run while an every-second job keeps firing on time', async () => {
		const bad = ['throws', 'rejects', 'hangs', 'spin', 'hog', 'exits', 'syntax', 'missing', 'flood', 'shout'];
		root = processes.makeRoot({...testJobs, 'jobs/flood.ts': "export default function run() { const chunk = 'y'.repeat(1024 * 1024); for (let i = 0; i < 4; i++) process.stdout.write(chunk + '\\n'); return {mb: 4}; }\n", 'config/jobs.yaml': `max_parallel: 12
warm_workers: 2
jobs:
  - {id: tick, cron: "* * * * * *", command: ["true"]}
  - {id: throws, trigger: manual, module: jobs/throws.ts}
  - {id: rejects, trigger: manual, module: jobs/rejects.ts}
  - {id: hangs, trigger: manual, module: jobs/hangs.ts, timeout: 3s}
  - {id: spin, trigger: manual, module: jobs/spin.ts, timeout: 3s}
  - {id: hog, trigger: manual, module: jobs/hog.ts, max_memory: 64mb, timeout: 30s}
  - {id: exits, trigger: manual, module: jobs/exits.ts}
  - {id: syntax, trigger: manual, module: jobs/syntax-error.ts}
  - {id: missing, trigger: manual, module: jobs/missing-import.ts}
  - {id: flood, trigger: manual, module: jobs/flood.ts}
  - {id: shout, trigger: manual, command: ["sh", "-c", "head -c 8000000 /dev/zero | tr '\\\\0' z | fold -w 1000"]}
groups:
  - {id: all_bad, mode: parallel, trigger: manual, members: [${bad.join(', ')}]}
`});
		const app = processes.start(root.dir);
		await schedulerStarted(app);
		// Started through the live scheduler, not at a run_date a few seconds ahead: a slow start on a
		// loaded box passed it, and a run_date in the past never fires.
		const fireAt = Date.now();
		expect(runCli(['run', 'all_bad', '--detach', '--root', root.dir]).code).toBe(0);
		await waitFor(() => readRuns(root!.dir).some(row => row.job_id === 'all_bad' && !['queued', 'running'].includes(row.status)), 60_000, 'the bad jobs to end');
		await new Promise(resolve => {
			setTimeout(resolve, 1500);
		});
		app.child.kill('SIGTERM');
		expect(await app.exited).toBe(0);
		const all = readRuns(root.dir);
		const byJob = new Map(all.filter(row => row.trigger === 'group').map(row => [row.job_id, row]));
		expect(byJob.get('throws')).toMatchObject({status: 'failed', error_type: 'DataFeedError'});
		expect(byJob.get('rejects')).toMatchObject({status: 'failed', error_type: 'RangeError'});
		expect(byJob.get('hangs')).toMatchObject({status: 'timeout', error_type: 'Timeout'});
		expect(byJob.get('spin')).toMatchObject({status: 'timeout', error_type: 'Timeout'});
		expect(byJob.get('hog')).toMatchObject({status: 'failed', error_type: 'OutOfMemory'});
		expect(byJob.get('exits')).toMatchObject({status: 'failed', error_type: 'ProcessExit'});
		expect(byJob.get('syntax')?.status).toBe('failed');
		expect(byJob.get('syntax')?.error_message).toContain('syntax-error.ts');
		expect(byJob.get('missing')?.error_message).toContain('does-not-exist');
		expect(byJob.get('flood')?.status).toBe('success');
		expect(byJob.get('shout')?.status).toBe('success');
		// Meanwhile: a tick every second, none lost, none late by more than generous bounds.
		const window = all.filter(row => row.job_id === 'tick' && row.scheduled_at >= fireAt - 1000);
		const ticks = window.filter(row => row.started_at !== null);
		expect(ticks.length).toBeGreaterThanOrEqual(4);
		const seconds = ticks.map(row => row.scheduled_at / 1000);
		expect(seconds.every((second, i) => i === 0 || second - seconds[i - 1]! === 1)).toBe(true);
		// A fire the scheduler's thread held a second or more is coalesced with the next (a second missing
		// above); a start is the fire and the spawn of `true`, which ten bad jobs and a loaded box may slow.
		expect(Math.max(...ticks.map(row => row.started_at! - row.scheduled_at))).toBeLessThan(1000);
		expect(integrityCheck(root.dir)).toBe('ok');
	});
});


describe.skipIf(!canMountTmpfs)('disk faults (real tmpfs mounts)', () => {
	const mounted: string[] = [];
	afterEach(() => {
		for (const dir of mounted.splice(0)) {
			spawnSync('umount', ['-l', dir]);
		}
	});

	it('a read-only data/ gives a clear error naming the database, and nothing starts', () => {
		root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: tick, cron: "* * * * * *", command: ["true"]}\n'});
		const data = path.join(root.dir, 'data');
		mkdirSync(data);
		execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,ro', 'tmpfs', data]);
		mounted.push(data);
		const result = runCli(['--headless', '--root', root.dir], {timeoutMs: 20_000});
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/^sage-console: cannot write the history database \/.*\/data\/sage\.db: it is on a read-only file system \(the commands that only read it — history, show, logs, list, plan — still work\)\n$/);
	});

	it('a full disk is reported as it happens, loses nothing silently, and recording resumes when space is back', async () => {
		root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: tick, cron: "* * * * * *", command: ["true"]}\n'});
		const data = path.join(root.dir, 'data');
		mkdirSync(data);
		execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', data]);
		mounted.push(data);
		const app = processes.start(root.dir);
		await schedulerStarted(app);
		await waitFor(() => readRuns(root!.dir).filter(row => row.job_id === 'tick').length >= 2, 20_000, 'ticks recorded');
		// Fill the disk to the last byte.
		spawnSync('sh', ['-c', `dd if=/dev/zero of=${data}/filler bs=4k 2>/dev/null; sync`]);
		await waitFor(() => app.output().stdout.includes('database or disk is full'), 20_000, 'the disk-full error in the log');
		const during = app.output().stdout.split('\n').find(line => line.includes('database or disk is full'))!;
		expect(JSON.parse(during)).toMatchObject({level: 50, msg: expect.stringMatching(/^history writes failing, \d+ waiting \(kept in order, retried\): database or disk is full$/)});
		rmSync(path.join(data, 'filler'));
		await waitFor(() => app.output().stdout.includes('history writes work again'), 20_000, 'recording to resume');
		const before = readRuns(root.dir).length;
		await waitFor(() => readRuns(root!.dir).length >= before + 2, 20_000, 'new ticks recorded');
		app.child.kill('SIGTERM');
		const code = await app.exited;
		expect(code).toBe(0);
		expect(integrityCheck(root.dir)).toBe('ok');
	});
});

describe('graceful stop', () => {
	for (const [mode, signal, expected] of [['wait', 'SIGTERM', 'success'], ['cancel', 'SIGINT', 'cancelled']] as const) {
		it(`shutdown: ${mode} on ${signal} records the live run as ${expected}`, async () => {
			root = processes.makeRoot({...testJobs, 'config/jobs.yaml': `shutdown: ${mode}\njobs:\n  - {id: slow, trigger: manual, module: jobs/sleep.ts, params: {ms: 2500}}\n`});
			const app = processes.start(root.dir);
			await schedulerStarted(app);
			expect(runCli(['run', 'slow', '--detach', '--root', root.dir]).code).toBe(0);
			await waitFor(() => readRuns(root!.dir).some(row => row.status === 'running'), 20_000, 'the run to start');
			app.child.kill(signal);
			expect(await app.exited).toBe(0);
			expect(readRuns(root.dir).map(row => row.status)).toEqual([expected]);
		});
	}
});

describe('config edits while running', () => {
	it('applies a valid edit without a restart, and keeps the old jobs on an invalid one, naming every problem', async () => {
		root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: old_tick, cron: "* * * * * *", command: ["true"]}\n'});
		const app = processes.start(root.dir);
		await schedulerStarted(app);
		root.write('config/jobs.yaml', 'jobs:\n  - {id: old_tick, cron: "* * * * * *", command: ["true"]}\n  - {id: new_tick, cron: "* * * * * *", command: ["true"]}\n');
		await waitFor(() => readRuns(root!.dir).some(row => row.job_id === 'new_tick'), 20_000, 'the added job to fire');
		await waitFor(() => app.output().stdout.includes('config reloaded: 1 added, 0 removed, 0 changed'), 15_000, 'the reload in the log');
		root.write('config/jobs.yaml', 'jobs:\n  - {id: old_tick, cron: "61 * * * * *", command: ["true"]}\n  - {id: new_tick, crom: "* * * * * *", command: ["true"]}\n');
		// The process log file is written asynchronously: wait for the lines rather than read once.
		const logFile = path.join(root.dir, 'logs/sage-console.log');
		const log = await waitFor(() => {
			const text = readFileSync(logFile, 'utf8');
			return text.includes('config/jobs.yaml:3:20: unknown key') && text;
		}, 20_000, 'the rejection in the log');
		expect(log).toContain('config not applied, 3 problems; the previous jobs keep running');
		expect(log).toContain('config/jobs.yaml:2:26: bad cron \\"61 * * * * *\\": Invalid value for second: 61');
		expect(log).toContain('config/jobs.yaml:3:20: unknown key \\"crom\\" in a job (did you mean \\"cron\\"?)');
		const count = readRuns(root.dir).filter(row => row.job_id === 'new_tick').length;
		await waitFor(() => readRuns(root!.dir).filter(row => row.job_id === 'new_tick').length >= count + 2, 20_000, 'the old jobs to keep firing');
		app.child.kill('SIGTERM');
		await app.exited;
	});
});

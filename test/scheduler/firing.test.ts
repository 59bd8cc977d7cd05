import {seedRun} from '../helpers/seed-run.js';
import {existsSync, readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {makeTempRoot, testJobs} from '../helpers/temp-root.js';
import {trackTestSchedulers, type TestScheduler} from '../helpers/test-scheduler.js';

const openScheduler = trackTestSchedulers();
let t: TestScheduler | undefined;

const at = (iso: string) => Date.parse(iso);

describe('firing on schedule', () => {
	it('fires a job at its time, records the run and writes its log', async () => {
		t = openScheduler('jobs:\n  - id: ok\n    cron: "* * * * *"\n    module: jobs/ok.ts\n    params: {n: 1}\n', {now: at('2026-11-20T10:00:30+08:00')});
		t.scheduler.start();
		t.clock.advance(29_999);
		expect(t.started).toHaveLength(0);
		t.clock.advance(1);
		expect(t.started).toHaveLength(1);
		const run = await t.scheduler.whenFinished(t.started[0]!.id);
		expect(run).toMatchObject({jobId: 'ok', trigger: 'schedule', status: 'success', scheduledAt: at('2026-11-20T10:01:00+08:00'), tradeDate: '2026-11-20'});
		expect(run!.result).toEqual({rows: 4, params: {n: 1}, tradeDate: '2026-11-20', attempt: 1});
		const stored = (await t!.stored(run!.id))!;
		expect(stored).toMatchObject({status: 'success', progress: 1, message: 'step 4'});
		expect(stored.logPath).toMatch(/logs\/jobs\/20261120_001\.log$/);
		const log = readFileSync(stored.logPath!, 'utf8');
		expect(log).toContain('"msg":"step"');
		expect(log).toContain('"msg":"run success"');
		// The console's log tail has every line of the run by the time its end is known, the last ones included.
		const tail = t.scheduler.tail.newest(100, 0, line => line.runId === run!.id).map(line => line.msg);
		expect(tail).toEqual([expect.stringMatching(/^▶ ok started/), 'step', 'step', 'step', 'step', expect.stringMatching(/^■ ok succeeded/)]);
	});

	it('a per-minute job goes on from the new time when the wall clock steps back 5 minutes, saying so, and a step forward is coalesced into one run', async () => {
		t = openScheduler('jobs:\n  - id: tick\n    cron: "* * * * *"\n    command: ["true"]\n', {now: at('2026-11-20T10:00:30+08:00')});
		t.scheduler.start();
		t.clock.advance(30_000);
		expect(t.started.map(run => run.scheduledAt)).toEqual([at('2026-11-20T10:01:00+08:00')]);
		await t.scheduler.whenFinished(t.started[0]!.id);
		t.clock.jump(-5 * 60_000);
		t.clock.advance(60_000);
		expect(t.started.map(run => run.scheduledAt)).toEqual([at('2026-11-20T10:01:00+08:00'), at('2026-11-20T09:57:00+08:00')]);
		expect(t.logger.lines.filter(line => line.msg.startsWith('the clock went back')).map(line => `${line.level} ${line.msg}`)).toEqual(['warn the clock went back 5m00s: jobs that fire more often than that go on from the new time; the others wait for their next fire after the last one, so no fire time runs twice']);
		await Promise.all(t.started.map(async run => t!.scheduler.whenFinished(run.id)));
		t.clock.jump(60 * 60_000);
		expect(t.started).toHaveLength(3);
		expect(t.logger.lines.some(line => line.level === 'warn' && /\d+ fire times passed/.test(line.msg) && line.msg.includes('coalesced'))).toBe(true);
	});

	it('a result that had to be normalised says how, in the run\'s message, each note naming what it is about', async () => {
		t = openScheduler('jobs:\n  - {id: big, trigger: manual, module: jobs/big.ts}\n', {root: makeTempRoot({...testJobs, 'jobs/big.ts': 'export default () => ({total: 2n ** 70n});\n'})});
		t.scheduler.start();
		const record = await t.scheduler.whenFinished(t.scheduler.submit('big').run!.id);
		expect(record).toMatchObject({status: 'success', result: {total: '1180591620717411303424'}, message: 'result.total: BigInt kept as a string'});
	});

	it('keeps paused jobs from firing, across a restart', async () => {
		t = openScheduler('jobs:\n  - id: tick\n    cron: "* * * * *"\n    command: ["true"]\n', {now: at('2026-11-20T10:00:30+08:00')});
		t.scheduler.start();
		t.scheduler.setPaused('tick', true);
		t.clock.advance(120_000);
		expect(t.started).toHaveLength(0);
		t = await t.restart();
		t.scheduler.start();
		expect(t.scheduler.snapshot().jobs[0]).toMatchObject({id: 'tick', paused: true});
		t.clock.advance(120_000);
		expect(t.started).toHaveLength(0);
		t.scheduler.setPaused('tick', false);
		t.clock.advance(60_000);
		expect(t.started).toHaveLength(1);
	});

	it('keeps a job written paused: true paused across restarts until an operator resumes it, and keeps that resume', async () => {
		t = openScheduler('jobs:\n  - id: tick\n    cron: "* * * * *"\n    paused: true\n    command: ["true"]\n', {now: at('2026-11-20T10:00:30+08:00')});
		t.scheduler.start();
		t.clock.advance(120_000);
		expect(t.started).toHaveLength(0);
		t = await t.restart();
		t.scheduler.start();
		expect(t.scheduler.snapshot().jobs[0]).toMatchObject({id: 'tick', paused: true});
		t.clock.advance(120_000);
		expect(t.started).toHaveLength(0);
		t.scheduler.setPaused('tick', false);
		t = await t.restart();
		t.scheduler.start();
		expect(t.scheduler.snapshot().jobs[0]).toMatchObject({id: 'tick', paused: false});
		t.clock.advance(60_000);
		expect(t.started).toHaveLength(1);
	});

	it('counts "today" in Asia/Shanghai across midnight', async () => {
		t = openScheduler('jobs:\n  - id: ok\n    trigger: manual\n    command: ["true"]\n', {now: at('2026-11-20T23:59:30+08:00')});
		t.scheduler.start();
		const submitted = t.scheduler.submit('ok');
		expect(submitted.ok).toBe(true);
		await t.scheduler.whenFinished(submitted.ok ? submitted.run.id : 0);
		expect(t.scheduler.snapshot().today).toMatchObject({day: '2026-11-20', runs: 1, succeeded: 1});
		t.clock.advance(60_000);
		expect(t.scheduler.snapshot().today).toMatchObject({day: '2026-11-21', runs: 0});
	});

	it('brings back today\'s counts and failures (stacks included) from history after a restart, counting each run once', async () => {
		t = openScheduler('jobs:\n  - {id: ok, trigger: manual, module: jobs/ok.ts}\n  - {id: bad, trigger: manual, module: jobs/throws.ts}\n', {now: at('2026-11-20T09:00:00+08:00')});
		const yesterday = seedRun(t.store, {jobId: 'bad', trigger: 'schedule', status: 'failed', scheduledAt: at('2026-11-19T15:00:00+08:00'), finishedAt: at('2026-11-19T15:00:01+08:00'), attempt: 1, error: {type: 'Error', message: 'old'}});
		t.scheduler.start();
		for (const id of ['ok', 'bad', 'ok']) {
			const submitted = t.scheduler.submit(id);
			await t.scheduler.whenFinished(submitted.ok ? submitted.run.id : 0);
		}

		const before = t.scheduler.snapshot();
		expect(before.today).toMatchObject({day: '2026-11-20', runs: 3, succeeded: 2, failed: 1});
		t = await t.restart();
		t.scheduler.start();
		const after = t.scheduler.snapshot();
		expect(after.today).toEqual(before.today);
		expect(after.failuresToday.map(run => run.jobId)).toEqual(['bad']);
		expect((await t.stored(after.failuresToday[0]!.id))?.error?.stack).toContain('fetchBars');
		expect(after.failuresToday.map(run => run.id)).not.toContain(yesterday.id);
		const submitted = t.scheduler.submit('ok');
		await t.scheduler.whenFinished(submitted.ok ? submitted.run.id : 0);
		expect(t.scheduler.snapshot().today).toMatchObject({runs: 4, succeeded: 3, failed: 1});
	});
});

describe('runs that go wrong', () => {
	const failing = [
		['throws.ts', 'DataFeedError', 'feed returned 502 for 600519.SH', 'fetchBars'],
		['rejects.ts', 'RangeError', 'bad range', 'rejects.ts'],
		['exits.ts', 'ProcessExit', 'process.exit(3)', undefined],
		['syntax-error.ts', 'SyntaxError', 'syntax-error.ts:1:', undefined],
		['missing-import.ts', 'ModuleNotFound', 'Could not resolve "./does-not-exist.js"', undefined],
	] as const;
	for (const [file, type, message, stackPart] of failing) {
		it(`records ${file} as failed with its cause`, async () => {
			t = openScheduler(`jobs:\n  - id: bad\n    trigger: manual\n    module: jobs/${file}\n`);
			t.scheduler.start();
			const submitted = t.scheduler.submit('bad');
			const run = await t.scheduler.whenFinished(submitted.ok ? submitted.run.id : 0);
			expect(run?.status).toBe('failed');
			expect(run?.error?.type).toBe(type);
			expect(run?.error?.message).toContain(message);
			if (stackPart) {
				expect((await t!.stored(run!.id))!.error!.stack).toContain(stackPart);
			}
		});
	}

	it('times out a job that spins the CPU, for real', async () => {
		t = openScheduler('jobs:\n  - id: spin\n    trigger: manual\n    module: jobs/spin.ts\n    timeout: 2s\n');
		t.scheduler.start();
		const submitted = t.scheduler.submit('spin');
		await new Promise(resolve => {
			setTimeout(resolve, 300);
		});
		t.clock.advance(2000);
		const run = await t.scheduler.whenFinished(submitted.ok ? submitted.run.id : 0);
		expect(run).toMatchObject({status: 'timeout', error: {type: 'Timeout', message: expect.stringMatching(/^timed out after 2(\.0)?\s?s/)}});
	});

	it('cancels a running job on request', async () => {
		t = openScheduler('jobs:\n  - id: sleepy\n    trigger: manual\n    module: jobs/hangs.ts\n');
		t.scheduler.start();
		const submitted = t.scheduler.submit('sleepy');
		expect(t.scheduler.cancel(submitted.ok ? submitted.run.id : 0)).toMatchObject({ok: true});
		const run = await t.scheduler.whenFinished(submitted.ok ? submitted.run.id : 0);
		expect(run).toMatchObject({status: 'cancelled', error: {message: 'cancelled by the operator'}});
	});

	it('stops a command job and its children on cancel', async () => {
		t = openScheduler('jobs:\n  - id: long\n    trigger: manual\n    command: ["sh", "-c", "sleep 30 & sleep 30; wait"]\n');
		t.scheduler.start();
		const submitted = t.scheduler.submit('long');
		await new Promise(resolve => {
			setTimeout(resolve, 200);
		});
		t.scheduler.cancel(submitted.ok ? submitted.run.id : 0);
		const run = await t.scheduler.whenFinished(submitted.ok ? submitted.run.id : 0);
		expect(run?.status).toBe('cancelled');
	});

	it('retries with exponential backoff', async () => {
		t = openScheduler('jobs:\n  - id: flaky\n    trigger: manual\n    module: jobs/throws.ts\n    retries: 2\n    retry_backoff: 10s\n');
		t.scheduler.start();
		const first = t.scheduler.submit('flaky');
		await t.scheduler.whenFinished(first.ok ? first.run.id : 0);
		t.clock.advance(9999);
		expect(t.started).toHaveLength(1);
		t.clock.advance(1);
		expect(t.started).toHaveLength(2);
		await t.scheduler.whenFinished(t.started[1]!.id);
		t.clock.advance(19_999);
		expect(t.started).toHaveLength(2);
		t.clock.advance(1);
		expect(t.started).toHaveLength(3);
		await t.scheduler.whenFinished(t.started[2]!.id);
		t.clock.advance(3_600_000);
		expect(t.started.map(run => [run.trigger, run.attempt])).toEqual([['manual', 1], ['retry', 2], ['retry', 3]]);
		expect(t.finished.map(run => run.status)).toEqual(['failed', 'failed', 'failed']);
	});
});

describe('run logs and output', () => {
	it('keeps console output of a module job in its run log, not on the terminal', async () => {
		t = openScheduler('jobs:\n  - id: chatty\n    trigger: manual\n    module: jobs/chatty.ts\n');
		t.scheduler.start();
		const submitted = t.scheduler.submit('chatty');
		const run = await t.scheduler.whenFinished(submitted.ok ? submitted.run.id : 0);
		expect(run?.status).toBe('success');
		const stored = (await t!.stored(run!.id))!;
		expect(existsSync(stored.logPath!)).toBe(true);
		const lines = readFileSync(stored.logPath!, 'utf8').trim().split('\n');
		expect(lines.filter(line => line.includes('"stream":"stdout"'))).toHaveLength(5000);
		expect(t.scheduler.tail.length).toBeLessThanOrEqual(5000);
	});

	it('expands placeholders and parses ::progress lines of a command job', async () => {
		t = openScheduler('jobs:\n  - id: cmd\n    trigger: manual\n    command: ["sh", "-c", "echo day={date} trade={trade_date} run={run_id}; echo \'::progress 0.42 halfway\'; sleep 0.2; echo oops >&2; exit 4"]\n');
		t.scheduler.start();
		const progress: Array<number | undefined> = [];
		t.scheduler.events.on('run-progress', event => progress.push(event.progress));
		const submitted = t.scheduler.submit('cmd', {tradeDate: '2026-11-19'});
		const run = await t.scheduler.whenFinished(submitted.ok ? submitted.run.id : 0);
		expect(progress).toEqual([0.42]);
		expect(run).toMatchObject({status: 'failed', error: {type: 'ExitCode', message: 'sh exited with code 4: oops', stack: 'oops'}});
		const log = readFileSync((await t!.stored(run!.id))!.logPath!, 'utf8');
		expect(log).toContain(`day=2026-11-20 trade=2026-11-19 run=${run!.id}`);
	});
});

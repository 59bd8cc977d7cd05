/**
 * A service's process, end to end: readiness from a real stdout line, a stop that escalates to SIGKILL
 * of the whole tree (group and a descendant that left it), the memory limit of the tree, and output in
 * rotated files. Control goes through the protocol's request handler, as every client's does.
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {ResultOf} from '../../src/protocol/messages.js';
import {waitFor} from '../helpers/wait-for.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {isAlive, trackServiceHosts, type ServiceHost} from '../supervisor/service-host.js';

const startHost = trackServiceHosts();

async function call<M extends 'start-service' | 'stop-service' | 'restart-service' | 'service-detail'>(t: ServiceHost, method: M, params: {serviceId: string; lines?: number}): Promise<ResultOf<M>> {
	return t.host.handler(method, params) as Promise<ResultOf<M>>;
}

/** Live processes in process group `pgid`, and those whose command line is `argv` (wherever they are). */
function processes(test: {pgid?: number; argv?: string}): number[] {
	const pids: number[] = [];
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) {
			continue;
		}

		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			const inGroup = test.pgid !== undefined && Number(fields[2]) === test.pgid;
			const byArgv = test.argv !== undefined && readFileSync(`/proc/${name}/cmdline`, 'utf8') === `${test.argv.replaceAll(' ', '\0')}\0`;
			if (fields[0] !== 'Z' && (inGroup || byArgv)) {
				pids.push(Number(name));
			}
		} catch {
			// Gone meanwhile.
		}
	}

	return pids;
}

describe('a service process', () => {
	it('counts as up only once a stdout line matches ready_pattern', async () => {
		const root = makeTempRoot({'feed.sh': '#!/bin/sh\necho "loading symbols"\nwhile [ ! -e go ]; do sleep 0.05; done\necho "quote feed listening on 9100"\nexec sleep 100000\n'});
		const t = await startHost(`services:
  - id: feed
    command: ["sh", "${root.dir}/feed.sh"]
    ready_pattern: "listening on \\\\d+"
    ready_timeout: 10m
`, {at: '2026-11-20T10:00:00+08:00', root});
		const log = path.join(root.dir, 'logs/services/feed.log');
		await waitFor(() => existsSync(log) && readFileSync(log, 'utf8').includes('loading symbols'), 20_000, 'its first line');
		expect(t.view('feed')).toMatchObject({state: 'starting'});

		root.write('go', '');
		const up = await t.state('feed', 'up');
		expect(readFileSync(log, 'utf8')).toContain('quote feed listening on 9100');
		expect(up.upSince).toBe(t.clock.now());
	});

	it('stop escalates to SIGKILL of the whole tree after stop_timeout, when the service ignores its stop signal', async () => {
		const root = makeTempRoot({'stubborn.sh': '#!/bin/sh\ntrap "" TERM\nsleep 100000 &\nsetsid sleep 100001 &\necho "children started"\nwait\n'});
		const t = await startHost(`services:
  - id: stubborn
    command: ["sh", "${root.dir}/stubborn.sh"]
    stop_timeout: 1s
`, {at: '2026-11-20T10:00:00+08:00', root});
		const up = await t.state('stubborn', 'up');
		await waitFor(() => existsSync(path.join(root.dir, 'logs/services/stubborn.log')) && readFileSync(path.join(root.dir, 'logs/services/stubborn.log'), 'utf8').includes('children started'), 20_000, 'its children');
		// The script and its sleep in the service's group, and a sleep that left it with setsid (its shell's
		// fork is in the group until it has exec'd setsid, a moment longer on a busy machine).
		await waitFor(() => processes({pgid: up.pid}).length === 2 && processes({argv: 'sleep 100001'}).length === 1, 20_000, 'the script, its sleep, and the sleep that left with setsid');
		const group = processes({pgid: up.pid});
		const outside = processes({argv: 'sleep 100001'});
		expect(group).toHaveLength(2);
		expect(outside).toHaveLength(1);
		const tree = [...group, ...outside];

		const answer = await call(t, 'stop-service', {serviceId: 'stubborn'});
		expect(answer).toMatchObject({ok: true, service: {state: 'stopping'}});
		const stopped = await t.state('stubborn', 'stopped');
		expect(stopped.note).toContain('held until a manual start');
		expect(tree.filter(pid => isAlive(pid))).toEqual([]);
		const [run] = await t.runs('stubborn');
		expect(run).toMatchObject({status: 'success', result: {stop: 'manual', signal: 'SIGKILL', killed: 3}});
		expect(t.host.scheduler.tail.newest(50).map(line => line.msg).join('\n')).toMatch(/3 process\(es\) still running 1 s after SIGTERM, killed with SIGKILL/);

		// Held: the next manual start is the operator's.
		t.clock.advance(3_600_000);
		expect(t.view('stubborn').state).toBe('stopped');
		expect(await call(t, 'start-service', {serviceId: 'stubborn'})).toMatchObject({ok: true});
		await t.state('stubborn', 'up');
	});

	it('is restarted when its process tree holds more than max_memory', async () => {
		const root = makeTempRoot({});
		const t = await startHost(`services:
  - id: hog
    command: ["python3", "-c", "import time; print('allocating', flush=True); b = b'x' * (96 * 1024 * 1024); time.sleep(100000)"]
    max_memory: 48mb
`, {at: '2026-11-20T10:00:00+08:00', root});
		const first = await t.state('hog', 'up');
		// Over it within min_uptime of its start, as a quick exit: restarted after the backoff.
		await t.state('hog', 'backoff', 30_000);
		t.clock.advance(1000);
		await waitFor(() => t.view('hog').restartsToday >= 1 && t.view('hog').pid !== first.pid, 30_000, 'a restart over max_memory');
		expect(isAlive(first.pid!)).toBe(false);
		const runs = await t.runs('hog');
		expect(runs[0]).toMatchObject({status: 'failed', error: {type: 'MemoryLimit'}, result: {stop: 'memory'}});
		expect(runs[1]).toMatchObject({attempt: 2, message: 'restart over max_memory (backoff 1.0 s)'});
		const detail = await call(t, 'service-detail', {serviceId: 'hog'});
		// Said before the allocation: the memory poll may end it before any line after.
		expect(detail.output).toContain('allocating');
		expect(detail.crashes[0]).toMatchObject({id: runs[0]!.id, error: {type: 'MemoryLimit'}});
	});

	it('writes its output to logs/services/<id>.log and .err.log, rotated by size keeping log_keep files, while it runs', async () => {
		const root = makeTempRoot({});
		const t = await startHost(`services:
  - id: chatty
    command: ["python3", "-u", "-c", "import sys, time\\nfor i in range(10**9):\\n  print(f'quote {i}: 600519.SH 1688.00')\\n  print(f'warn {i}', file=sys.stderr)\\n  time.sleep(0.005)"]
    log_max_size: 4kb
    log_keep: 2
`, {at: '2026-11-20T10:00:00+08:00', root});
		const up = await t.state('chatty', 'up');
		const log = path.join(root.dir, 'logs/services/chatty.log');
		await waitFor(() => existsSync(`${log}.2`) && existsSync(`${path.join(root.dir, 'logs/services/chatty.err.log')}.1`), 30_000, 'two rotations');
		expect(existsSync(`${log}.3`)).toBe(false);
		expect(readFileSync(`${log}.1`, 'utf8')).toMatch(/^quote \d+: 600519\.SH 1688\.00$/m);
		// The same process goes on writing into the emptied file.
		await waitFor(() => readFileSync(log, 'utf8').includes('quote'), 10_000, 'new lines in the emptied file');
		expect(t.view('chatty').pid).toBe(up.pid);
	});

	it('ends what a crashed service left running in its group before it starts again: never two copies', async () => {
		const root = makeTempRoot({'parent.sh': '#!/bin/sh\nsleep 100002 &\nwhile [ ! -e crash ]; do sleep 0.05; done\nrm crash\nexit 7\n'});
		const t = await startHost(`services:
  - id: parent
    command: ["sh", "${root.dir}/parent.sh"]
    cwd: ${root.dir}
`, {at: '2026-11-20T10:00:00+08:00', root});
		const up = await t.state('parent', 'up');
		await waitFor(() => processes({argv: 'sleep 100002'}).length === 1, 10_000, 'its worker');
		const [worker] = processes({argv: 'sleep 100002'});
		root.write('crash', '');
		const backoff = await t.state('parent', 'backoff');
		expect(backoff.lastExit).toMatchObject({exitCode: 7});
		expect(isAlive(worker!)).toBe(false);
		t.clock.advance(backoff.nextStartAt! - t.clock.now());
		const again = await t.state('parent', 'up');
		expect(again.pid).not.toBe(up.pid);
		await waitFor(() => processes({argv: 'sleep 100002'}).length === 1, 10_000, 'its new worker');
		expect(processes({argv: 'sleep 100002'})).not.toContain(worker);
	});
});

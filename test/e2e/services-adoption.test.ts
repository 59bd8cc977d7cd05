/**
 * The built `sage-console --headless` with a service, killed with -9 and started again: the service's
 * process outlives the scheduler, the next scheduler adopts it (exactly one copy, the same process),
 * supervises it by polling its pid, and the CLI steers it through the live scheduler. A SIGTERM of
 * the scheduler stops it.
 */
import {spawn} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';
import {statusServices, type StatusService} from '../helpers/status-services.js';
import {waitFor} from '../helpers/wait-for.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {isAlive, processesWith, trackServiceHosts} from '../supervisor/service-host.js';
import {sameDayEach} from '../helpers/same-day-ahead.js';

const processes = trackHeadlessProcesses();
const startHost = trackServiceHosts();
const serviceProcesses = trackServiceProcesses();

type AdoptedService = StatusService & {pid?: number; restartsToday: number; adopted?: boolean};

function services(root: string): AdoptedService[] {
	return statusServices<AdoptedService>(root);
}

// restartsToday counts in Shanghai (the scheduler's zone): a midnight there within the test starts it again at 0.
sameDayEach('Asia/Shanghai', 180_000);

describe('a scheduler killed with -9 and started again', () => {
	it('adopts the service it left running: never two copies; the CLI starts, stops and restarts it; SIGTERM stops it', async () => {
		const root = processes.makeRoot({'collector.sh': '#!/bin/sh\necho "collector up"\nwhile :; do sleep 1; done\n'});
		const script = `${root.dir}/collector.sh`;
		serviceProcesses.watch(root.dir);
		root.write('config/jobs.yaml', `services:
  - id: collector
    command: ["sh", "${script}"]
    restart_delay: 500ms
    stop_timeout: 3s
`);
		const first = processes.start(root.dir);
		await schedulerStarted(first);
		const [original] = await waitFor(() => {
			const found = processesWith(script);
			return found.length === 1 ? found : undefined;
		}, 20_000, 'the service to start');
		await waitFor(() => services(root.dir).find(service => service.state === 'up' && service.pid === original), 20_000, 'status to show it up');

		first.child.kill('SIGKILL');
		await first.exited;
		// Started without a parent-death signal: it outlives the scheduler.
		expect(processesWith(script)).toEqual([original]);

		const second = processes.start(root.dir);
		await schedulerStarted(second);
		expect(second.output().stdout).toContain(`adopted pid ${original}`);
		expect(processesWith(script)).toEqual([original]);
		await waitFor(() => services(root.dir).find(service => service.state === 'up' && service.pid === original && service.adopted), 20_000, 'status to show it adopted');

		// Supervised by polling: killed behind the scheduler's back, it is restarted.
		process.kill(original!, 'SIGKILL');
		const [replacement] = await waitFor(() => {
			const found = processesWith(script);
			return found.length === 1 && found[0] !== original ? found : undefined;
		}, 20_000, 'a restart after the adopted process was killed');
		await waitFor(() => services(root.dir).find(service => service.state === 'up' && service.pid === replacement && service.restartsToday === 1), 20_000, 'status to show the restart');

		const stopped = runCli(['stop', 'collector', '--root', root.dir]);
		expect(stopped.stdout).toContain('collector stopping (SIGTERM, then SIGKILL after 3 s)');
		await waitFor(() => processesWith(script).length === 0 && services(root.dir)[0]?.state === 'stopped', 20_000, 'the stop');
		const table = runCli(['status', '--root', root.dir]).stdout.split('\n');
		const header = table.findIndex(line => line.startsWith('SERVICE'));
		expect(table[header]).toMatch(/^SERVICE +STATE +UPTIME +RESTARTS +PID +MEMORY +LAST EXIT +NOTE$/);
		expect(table[header + 1]).toMatch(/^collector +stopped .* manual stop: held until a manual start/);
		// A service's run is started again as the service, not retried as a job.
		const [lastRun] = JSON.parse(runCli(['history', '--json', '--job', 'collector', '--limit', '1', '--root', root.dir]).stdout) as Array<{id: number; trigger: string}>;
		expect(lastRun).toMatchObject({trigger: 'service'});
		expect(runCli(['retry', String(lastRun!.id), '--root', root.dir])).toMatchObject({code: 1, stdout: '', stderr: expect.stringContaining(`run ${lastRun!.id} was a start of the service collector: start the service again instead`) as string});
		expect(runCli(['stop', 'collector', '--root', root.dir])).toMatchObject({code: 1, stdout: '', stderr: 'not done: collector is not running (stopped)\n'});
		expect(runCli(['start', 'collector', '--root', root.dir]).code).toBe(0);
		const [started] = await waitFor(() => {
			const found = processesWith(script);
			return found.length === 1 ? found : undefined;
		}, 20_000, 'the manual start');
		// Its live run is stopped as the service, not cancelled as a job's run.
		const [liveRun] = JSON.parse(runCli(['history', '--json', '--job', 'collector', '--limit', '1', '--root', root.dir]).stdout) as Array<{id: number; status: string}>;
		expect(liveRun).toMatchObject({status: 'running'});
		expect(runCli(['cancel', String(liveRun!.id), '--root', root.dir])).toMatchObject({code: 1, stdout: '', stderr: expect.stringContaining(`run ${liveRun!.id} is a start of the service collector: stop the service instead`) as string});
		expect(runCli(['restart', 'collector', '--root', root.dir]).code).toBe(0);
		await waitFor(() => {
			const found = processesWith(script);
			return found.length === 1 && found[0] !== started;
		}, 20_000, 'the restart');
		expect(runCli(['start', 'nope', '--root', root.dir])).toMatchObject({code: 1, stderr: expect.stringContaining('no service "nope"; known: collector') as string});

		const last = processesWith(script)[0]!;
		second.child.kill('SIGTERM');
		expect(await second.exited).toBe(0);
		expect(isAlive(last)).toBe(false);
		expect(processesWith(script)).toEqual([]);
	}, 120_000);

	it('ends a service process left with no run recorded for it (killed before its row was written), so its start is the only copy', async () => {
		const root = makeTempRoot({'collector.sh': '#!/bin/sh\nwhile :; do sleep 1; done\n'});
		const script = `${root.dir}/collector.sh`;
		// What a scheduler killed right after the spawn leaves: a session leader with the service's environment.
		const orphan = spawn('sh', [script], {detached: true, stdio: 'ignore', env: {...process.env, SAGE_SERVICE_ROOT: root.dir, SAGE_SERVICE_ID: 'collector'}});
		orphan.unref();
		await waitFor(() => processesWith(script).length === 1, 10_000, 'the orphan');
		const t = await startHost(`services:\n  - {id: collector, command: ["sh", "${script}"]}\n`, {at: '2026-11-20T10:00:00+08:00', root});
		expect(isAlive(orphan.pid!)).toBe(false);
		const up = await t.state('collector', 'up');
		expect(processesWith(script)).toEqual([up.pid]);
		expect(t.host.scheduler.tail.newest(20).map(line => line.msg).join('\n')).not.toContain('adopted');
	});
});

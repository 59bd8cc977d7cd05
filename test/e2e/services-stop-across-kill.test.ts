/**
 * An operator's stop outlives a scheduler killed before the service was gone: with the built
 * `sage-console --headless` and a service that ignores SIGTERM (so its stop waits out stop_timeout),
 * the scheduler killed with -9 mid-stop leaves the process running, and the next scheduler stops it
 * and holds it stopped, as asked, rather than adopting it and keeping it up.
 */
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';
import {canStepClock, steppedClock} from '../helpers/stepped-clock.js';
import {statusServices, type StatusService} from '../helpers/status-services.js';
import {waitFor} from '../helpers/wait-for.js';
import {processesWith} from '../supervisor/service-host.js';

const processes = trackHeadlessProcesses();
const serviceProcesses = trackServiceProcesses();

function stubborn(root: string): (StatusService & {pid?: number; memoryMb?: number}) | undefined {
	return statusServices<StatusService & {pid?: number; memoryMb?: number}>(root).find(service => service.id === 'stubborn');
}

/** A headless scheduler on a new root whose service `stubborn` ignores SIGTERM (stop_timeout 6s), once it is up; `env` adds to its environment. */
async function stubbornUp(env?: (rootDir: string) => Record<string, string>) {
	const root = processes.makeRoot({'stubborn.sh': '#!/bin/sh\ntrap "" TERM\necho up\nwhile :; do sleep 1; done\n'});
	const script = `${root.dir}/stubborn.sh`;
	serviceProcesses.watch(root.dir);
	root.write('config/jobs.yaml', `services:
  - id: stubborn
    command: ["sh", "${script}"]
    stop_timeout: 6s
`);
	const first = env ? startCli(['--headless', '--root', root.dir], {env: env(root.dir)}) : processes.start(root.dir);
	processes.track(first);
	await schedulerStarted(first);
	await waitFor(() => stubborn(root.dir)?.state === 'up' || undefined, 20_000, 'the service to be up');
	const [pid] = processesWith(script);
	return {root, script, first, pid};
}

describe('a manual stop under way when the scheduler is killed', () => {
	it('is carried on by the next scheduler: the process stopped and held, not adopted', async () => {
		const {root, script, first, pid} = await stubbornUp();
		expect(runCli(['stop', 'stubborn', '--root', root.dir]).stdout).toBe('stubborn stopping (SIGTERM, then SIGKILL after 6 s)\n');
		expect(stubborn(root.dir)?.state).toBe('stopping');

		// The scheduler dies while the service waits out its stop timeout.
		first.child.kill('SIGKILL');
		await first.exited;
		expect(processesWith(script)).toEqual([pid]);

		const second = processes.start(root.dir);
		await schedulerStarted(second);
		await waitFor(() => processesWith(script).length === 0 || undefined, 20_000, 'the next scheduler to stop it');
		await waitFor(() => stubborn(root.dir)?.state === 'stopped' || undefined, 10_000, 'status to show it stopped');
		expect(second.output().stdout).toMatch(/stubborn: manual stop asked at \d\d:\d\d:\d\d \(before the scheduler restarted\), carried on, sent SIGTERM/);
	}, 60_000);

	it('is taken back by a start asked before it ended: the next scheduler adopts the process and keeps it up', async () => {
		const {root, script, first, pid} = await stubbornUp();
		expect(runCli(['stop', 'stubborn', '--root', root.dir]).code).toBe(0);
		expect(runCli(['start', 'stubborn', '--root', root.dir]).stdout).toBe('stubborn is stopping; it starts again once stopped\n');
		first.child.kill('SIGKILL');
		await first.exited;

		const second = processes.start(root.dir);
		await schedulerStarted(second);
		expect(second.output().stdout).toContain(`adopted pid ${pid}`);
		// Kept at the start (the supervisor's start decides, before the ready line) and by its first poll
		// of the adopted process (once a second; the memory it shows is that poll's): not stopped, not replaced.
		await waitFor(() => stubborn(root.dir)?.memoryMb !== undefined, 20_000, 'the supervisor\'s first poll of the adopted service');
		expect(processesWith(script)).toEqual([pid]);
		expect(stubborn(root.dir)).toMatchObject({state: 'up', pid});
	}, 60_000);

	it.runIf(canStepClock)('says the day of a stop asked on an earlier day: the scheduler was down across midnight', async () => {
		let clock: ReturnType<typeof steppedClock> | undefined;
		const {root, script, first} = await stubbornUp(dir => {
			clock = steppedClock(dir);
			return clock.env;
		});
		const exchangeDay = (at: number) => new Intl.DateTimeFormat('en-CA', {timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit'}).format(at);
		const before = exchangeDay(Date.now());
		expect(runCli(['stop', 'stubborn', '--root', root.dir]).code).toBe(0);
		const after = exchangeDay(Date.now());
		first.child.kill('SIGKILL');
		await first.exited;

		// The next scheduler starts a day later by its wall clock.
		clock!.step('+1d');
		const second = startCli(['--headless', '--root', root.dir], {env: clock!.env});
		processes.track(second);
		await schedulerStarted(second);
		await waitFor(() => processesWith(script).length === 0 || undefined, 20_000, 'the next scheduler to stop it');
		// Before, `manual stop asked at 10:14:21`, read as today's.
		expect(second.output().stdout).toMatch(new RegExp(`stubborn: manual stop asked at (${before}|${after}) \\d\\d:\\d\\d:\\d\\d \\(before the scheduler restarted\\), carried on`));
	}, 60_000);
});

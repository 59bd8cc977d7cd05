/**
 * The `⚠ sage-console was down` alert's "started again" is the start `status` tells, to the
 * millisecond: the alert took its own clock reading once the database was open, a moment after the
 * scheduler's start, so on a busy box the two read a second apart (09:49:36 in the alert beside
 * 09:49:35 in `status`). Real parts: a headless scheduler killed with -9 and started again, a local
 * HTTP server as the webhook receiver.
 */
import {chmodSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {trackLocalReceivers} from '../http/local-receiver.js';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const startReceiver = trackLocalReceivers();

type DownEvent = {event: string; at: number; pid: number};

describe('the "was down" alert', () => {
	it('says the scheduler started again at the instant status --json gives as its startedAt', async () => {
		const {receiver, url} = await startReceiver();
		const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: quick, trigger: manual, command: ["true"]}\n'});
		const notify = path.join(root.dir, 'config/notify_config.json');
		writeFileSync(notify, JSON.stringify({channels: {webhook: {url: `${url}/hook`}}, delivery: {attempts: 2, backoff_ms: 100, timeout_ms: 2000}}));
		chmodSync(notify, 0o600);
		const first = processes.start(root.dir);
		await schedulerStarted(first);

		// When the scheduler is killed and started again
		first.child.kill('SIGKILL');
		await first.exited;
		await schedulerStarted(processes.start(root.dir));

		// Then the alert's start is status's, to the millisecond
		const events = () => receiver.received.filter(request => request.path === '/hook').map(request => JSON.parse(request.body) as DownEvent);
		const down = await waitFor(() => events().find(event => event.event === 'scheduler-down'), 30_000, 'the was-down alert at the webhook');
		const status = JSON.parse(runCli(['status', '--json', '--root', root.dir]).stdout) as {pid: number; startedAt: string};
		expect(down.pid).toBe(status.pid);
		expect(new Date(down.at).toISOString()).toBe(new Date(status.startedAt).toISOString());
	}, 90_000);
});

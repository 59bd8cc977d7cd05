/**
 * `GET /v1/events` across a restart of the scheduler (systemctl restart): an EventSource reconnects
 * with the Last-Event-ID of the process before, and must start again from a snapshot, not be handed the
 * new process's events as if they were the ones it missed. A real headless scheduler, stopped and started.
 */
import {describe, expect, it} from 'vitest';
import {startHeadlessWithApi} from '../helpers/headless-api.js';
import {runCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {SseReader} from '../http/api-host.js';

const processes = trackHeadlessProcesses();

const finishedRuns = (reader: SseReader) => reader.events.filter(event => event.event === 'run-finished').length;

describe('SSE ids and a restart of the scheduler', () => {
	it('a Last-Event-ID of the scheduler before the restart gets a fresh snapshot first', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: one, trigger: manual, command: ["true"]}\n'});
		const first = await startHeadlessWithApi(processes, root.dir);
		const before = new SseReader(`${first.url}/v1/events?events=run-finished`, {});
		expect(await before.open()).toBe(200);
		expect(runCli(['run', 'one', '--root', root.dir]).code).toBe(0);
		await before.waitFor(event => event.event === 'run-finished');
		const lastIdBefore = before.events.at(-1)!.id!;
		await before.close();
		first.app.child.kill('SIGTERM');
		await first.app.exited;

		const second = await startHeadlessWithApi(processes, root.dir);
		// Another client follows the new scheduler while it runs a few jobs: its ids move on.
		const other = new SseReader(`${second.url}/v1/events?events=run-finished`, {});
		expect(await other.open()).toBe(200);
		for (let run = 1; run <= 3; run++) {
			expect(runCli(['run', 'one', '--root', root.dir]).code).toBe(0);
			await other.waitFor(() => finishedRuns(other) === run);
		}

		const reconnected = new SseReader(`${second.url}/v1/events?events=run-finished`, {'last-event-id': lastIdBefore});
		expect(await reconnected.open()).toBe(200);
		await reconnected.waitFor(() => true);
		// One more run: its end reaches the reconnected client live, after anything replayed to it.
		expect(runCli(['run', 'one', '--root', root.dir]).code).toBe(0);
		await other.waitFor(() => finishedRuns(other) === 4);
		await reconnected.waitFor(event => event.event === 'run-finished');
		// What the client holds is the old scheduler's state: only a snapshot puts it right, and nothing of
		// the new scheduler's before it is handed over as missed: the one run end it got is the live one.
		expect(reconnected.events[0]!.event).toBe('snapshot');
		expect(reconnected.events.filter(event => event.event === 'run-finished')).toEqual([other.events.at(-1)]);
		await reconnected.close();
		await other.close();
	});
});

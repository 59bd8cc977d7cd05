/**
 * A jobs.yaml the scheduler refuses reaches the operator's phone: one alert naming the file, where and
 * what, and that the last good jobs are kept; none while the same error stays; one more for another
 * error; one "applied again" once the file is mended. Real parts: a headless scheduler, the file edited
 * on disk (and `reload`), a local HTTP server as the webhook channel.
 */
import {chmodSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {trackLocalReceivers, type LocalReceiver} from '../http/local-receiver.js';
import {configStatus, keepLastGood} from '../helpers/last-good-roots.js';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const startReceiver = trackLocalReceivers();

const good = 'jobs:\n  - {id: quick, trigger: manual, command: ["true"]}\n';
const badCron = '  - {id: late, cron: "61 * * * *", command: ["true"]}\n';
/** A flow mapping never closed: a YAML syntax error. */
const unclosed = '  - {id: open, cron: "0 9 * * *", command: ["true"]\n';

type HookEvent = {event: string; title: string; text: string; file?: string; problems?: Array<{line: number; col: number; message: string}>};

/** The webhook events about jobs.yaml, in the order they came (one channel: one queue, in order). */
const jobsFileEvents = (receiver: LocalReceiver) => receiver.received
	.map(request => JSON.parse(request.body) as HookEvent)
	.filter(event => event.event === 'config-invalid' || event.event === 'config-fixed');

/** A root with a webhook channel at `url`. */
function rootFor(url: string) {
	const root = processes.makeRoot({'config/jobs.yaml': good});
	const notify = path.join(root.dir, 'config/notify_config.json');
	writeFileSync(notify, JSON.stringify({channels: {webhook: {url: `${url}/hook`}}, delivery: {attempts: 2, backoff_ms: 100, timeout_ms: 60_000}}));
	chmodSync(notify, 0o600);
	return root;
}

/** Waits until `status` shows the refused file's problem at `line`. */
async function refusedAt(dir: string, line: number): Promise<void> {
	await waitFor(() => configStatus(dir).configProblems.some(problem => problem.line === line), 20_000, `the problem at line ${line} in status`);
}

describe('jobs.yaml refused', () => {
	it('alerts once per error, not again for the same error, and once when mended', async () => {
		const {receiver, url} = await startReceiver();
		const root = rootFor(url);
		const scheduler = processes.start(root.dir);
		await schedulerStarted(scheduler);

		// Given a running scheduler, when an edit adds a job with a bad cron: one alert with where and what.
		root.write('config/jobs.yaml', `${good}${badCron}`);
		const first = await waitFor(() => jobsFileEvents(receiver)[0], 20_000, 'the alert of the bad cron');
		expect(first.event).toBe('config-invalid');
		expect(first.title).toBe('⚠ config/jobs.yaml not applied');
		expect(first.problems).toEqual([expect.objectContaining({line: 3})]);
		expect(first.text).toMatch(/config\/jobs\.yaml:3:\d+: .*61/);
		expect(first.text).toContain('the jobs loaded before keep running');

		// The same error, moved a line down by a comment, and a `reload` of it: nothing sent.
		root.write('config/jobs.yaml', `# added a comment\n${good}${badCron}`);
		await refusedAt(root.dir, 4);
		const reload = runCli(['reload', '--root', root.dir]);
		expect(reload.code).not.toBe(0);

		// Another error: one alert more, with its place.
		root.write('config/jobs.yaml', `${good}${unclosed}`);
		await waitFor(() => jobsFileEvents(receiver).length >= 2, 20_000, 'the alert of the syntax error');
		expect(jobsFileEvents(receiver)[1]!.text).toMatch(/config\/jobs\.yaml:\d+:\d+: /);
		expect(jobsFileEvents(receiver)[1]!.text).not.toMatch(/61/);

		// Mended: one "applied again".
		root.write('config/jobs.yaml', `${good}  - {id: open, cron: "0 9 * * *", command: ["true"]}\n`);
		await waitFor(() => jobsFileEvents(receiver).length >= 3, 20_000, 'the applied-again notice');
		// Queued one after another on the one channel: an alert for the same error would have come before these.
		expect(jobsFileEvents(receiver).map(event => event.event)).toEqual(['config-invalid', 'config-invalid', 'config-fixed']);
		expect(jobsFileEvents(receiver)[2]!.title).toBe('✅ config/jobs.yaml applied again');
		expect(configStatus(root.dir).jobs.map(job => job.id)).toEqual(['quick', 'open']);
	});

	it('alerts at a start on the last good job list, and once the file is mended', async () => {
		const {receiver, url} = await startReceiver();
		const root = rootFor(url);
		await keepLastGood(processes, root.dir);

		// Given a reboot with a broken jobs.yaml: the start tells it.
		root.write('config/jobs.yaml', `${good}${badCron}`);
		const scheduler = processes.start(root.dir);
		await schedulerStarted(scheduler);
		const alert = await waitFor(() => jobsFileEvents(receiver)[0], 20_000, 'the alert at start');
		expect(alert.text).toMatch(/config\/jobs\.yaml:3:\d+: /);
		expect(alert.text).toMatch(/the last good job list, from \d{4}-\d\d-\d\d \d\d:\d\d:\d\d, is in use/);

		root.write('config/jobs.yaml', good);
		await waitFor(() => jobsFileEvents(receiver).length >= 2, 20_000, 'the applied-again notice');
		expect(jobsFileEvents(receiver).map(event => event.event)).toEqual(['config-invalid', 'config-fixed']);
	});
});

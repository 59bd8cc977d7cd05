/**
 * A run its scheduler was killed under (kill -9) is told everywhere at the next start, as any failed
 * run is: the webhook alert and its delivery in /metrics, and the job's ping_url. Real parts: a
 * headless scheduler killed and started again, a local HTTP server as webhook receiver and ping
 * monitor, /metrics read over HTTP.
 */
import {chmodSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {trackLocalReceivers} from '../http/local-receiver.js';
import {readRuns} from '../helpers/history-file.js';
import {scrapeMetrics, scrapeUntil, seriesValue, startHeadlessWithApi} from '../helpers/headless-api.js';
import {runCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const startReceiver = trackLocalReceivers();

/** A root whose job `slow` runs for a minute, with a webhook channel (and `slow`'s ping_url) at `receiverUrl`. */
function rootFor(receiverUrl: string) {
	const root = processes.makeRoot({'config/jobs.yaml': `jobs:\n  - {id: slow, trigger: manual, command: ["sh", "-c", "echo tick; sleep 60"], ping_url: "${receiverUrl}/ping/slow"}\n`});
	const notify = path.join(root.dir, 'config/notify_config.json');
	writeFileSync(notify, JSON.stringify({channels: {webhook: {url: `${receiverUrl}/hook`}}, delivery: {attempts: 2, backoff_ms: 100, timeout_ms: 2000}}));
	chmodSync(notify, 0o600);
	return root;
}

/**
 * Starts `slow`, kills its scheduler with -9 while it runs (once `ready`, if given), and starts a
 * scheduler again: settles with the run's id and the new API's URL.
 */
async function crashMidRun(root: string, ready?: {what: string; check: () => boolean}): Promise<{runId: number; url: string}> {
	const first = await startHeadlessWithApi(processes, root);
	expect(runCli(['run', 'slow', '--detach', '--root', root]).code).toBe(0);
	const row = await waitFor(() => readRuns(root).find(entry => entry.job_id === 'slow' && entry.status === 'running' && entry.pid), 20_000, 'the run to be running');
	if (ready) {
		await waitFor(ready.check, 20_000, ready.what);
	}

	first.app.child.kill('SIGKILL');
	await first.app.exited;
	const second = await startHeadlessWithApi(processes, root);
	await waitFor(() => readRuns(root).find(entry => entry.id === row.id && entry.status === 'interrupted'), 10_000, 'the run marked interrupted');
	return {runId: row.id, url: second.url};
}

describe('a run interrupted by its scheduler\'s crash', () => {
	it('its failure alert\'s delivery is counted in sage_alert_deliveries_total, though it went out before the API listened', async () => {
		const {receiver, url: receiverUrl} = await startReceiver();
		const root = rootFor(receiverUrl);
		const {runId, url} = await crashMidRun(root.dir);
		const alert = await waitFor(() => receiver.received.find(request => request.path === '/hook' && (JSON.parse(request.body) as {run?: {id: number}}).run?.id === runId), 10_000, 'the alert at the webhook');
		expect(JSON.parse(alert.body)).toMatchObject({event: 'failure', status: 'interrupted', job: {id: 'slow'}});

		// Two deliveries: the run's failure alert and the scheduler's own `sage-console was down`.
		const text = await scrapeUntil(url, metrics => seriesValue(metrics, 'sage_alert_deliveries_total', 'channel="webhook",outcome="sent"') === 2, 'the deliveries counted');
		expect(seriesValue(text, 'sage_alert_deliveries_total', 'channel="webhook",outcome="failed"')).toBe(0);
		expect(seriesValue(text, 'sage_runs_total', 'job="slow",status="interrupted"')).toBe(1);
		// Counted once: not again by a later scrape.
		expect(seriesValue(await scrapeMetrics(url), 'sage_runs_total', 'job="slow",status="interrupted"')).toBe(1);
	});

	it('its job\'s ping_url hears the failure (/fail, saying interrupted), once, after the run\'s /start', async () => {
		const {receiver, url: receiverUrl} = await startReceiver();
		const root = rootFor(receiverUrl);
		// Killed once the run's start was pinged: a kill within its first milliseconds may come before that ping goes out.
		const {runId} = await crashMidRun(root.dir, {what: 'the start ping', check: () => receiver.received.some(request => request.path === '/ping/slow/start')});
		const fail = await waitFor(() => receiver.received.find(request => request.path === '/ping/slow/fail'), 10_000, 'the fail ping');
		expect(fail.method).toBe('POST');
		expect(fail.body).toMatch(new RegExp(`^run ${runId} interrupted: Interrupted: the scheduler process stopped while this run was running`));
		// No second word of it comes later. Nothing later of the scheduler's shows that a retry did not
		// come (pings are sent apart, not in a queue): waited past its retry of a ping (2 s, ping-urls.ts).
		await new Promise(resolve => {
			setTimeout(resolve, 3000);
		});
		const pings = receiver.received.filter(request => request.path.startsWith('/ping/')).map(request => request.path);
		expect(pings).toEqual(['/ping/slow/start', '/ping/slow/fail']);
	});
});

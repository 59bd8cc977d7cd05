/**
 * Failures the operator must hear of, with real parts: a headless scheduler killed with -9 mid-run
 * and started again, a local HTTP server as the webhook channel (or its port closed), and /metrics
 * read over HTTP. An interrupted run is alerted, counted and ends when it was last alive; the counters
 * the README's alert rules watch start at 0; an alert that could not be delivered is a standing notice.
 */
import {chmodSync, readFileSync, writeFileSync} from 'node:fs';
import {createServer, type IncomingMessage, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {freePort} from '../helpers/free-port.js';
import {readRuns} from '../helpers/history-file.js';
import {runCli, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const sleep = async (ms: number) => new Promise(resolve => {
	setTimeout(resolve, ms);
});

/** The parts of a webhook body these tests read. */
type HookBody = {event?: string; status?: string; job?: {id: string}; run?: {id: number}};

/** A webhook receiver on 127.0.0.1 that keeps every POSTed body. */
class Receiver {
	readonly bodies: HookBody[] = [];
	private server: Server | undefined;
	port = 0;

	async listen(port = 0): Promise<string> {
		this.server = createServer(async (request: IncomingMessage, response) => {
			const chunks: Buffer[] = [];
			for await (const chunk of request) {
				chunks.push(chunk as Buffer);
			}

			this.bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as HookBody);
			response.writeHead(200).end('ok');
		});
		await new Promise<void>(resolve => this.server!.listen(port, '127.0.0.1', resolve));
		this.port = (this.server.address() as AddressInfo).port;
		return `http://127.0.0.1:${this.port}/hook`;
	}

	async close(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		await new Promise<void>(resolve => {
			if (!server) {
				resolve();
				return;
			}

			server.closeAllConnections();
			server.close(() => resolve());
		});
	}
}

const receivers: Receiver[] = [];
afterEach(async () => {
	await Promise.all(receivers.splice(0).map(async receiver => receiver.close()));
});

function rootWith(jobsYaml: string, hookUrl: string) {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
	const notify = path.join(root.dir, 'config/notify_config.json');
	writeFileSync(notify, JSON.stringify({channels: {webhook: {url: hookUrl, secret: 'test-secret-0123456789'}}, delivery: {attempts: 2, backoff_ms: 100, timeout_ms: 2000}}));
	chmodSync(notify, 0o600);
	return root;
}

/** A headless scheduler with the HTTP API on a free loopback port; settles with the API's URL. */
async function startWithApi(root: string) {
	const app = startCli(['--headless', '--http', '127.0.0.1:0', '--root', root]);
	processes.track(app);
	await schedulerStarted(app);
	const url = await waitFor(() => /HTTP API listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(app.output().stdout)?.[1], 20_000, 'the HTTP API to listen');
	return {app, url};
}

async function metrics(url: string): Promise<string> {
	const response = await fetch(`${url}/metrics`);
	expect(response.status).toBe(200);
	return response.text();
}

/** The value of one series, or undefined when /metrics does not have it. */
function series(text: string, name: string, labels: string): number | undefined {
	const line = text.split('\n').find(entry => entry.startsWith(`${name}{${labels}} `));
	return line === undefined ? undefined : Number(line.split(' ').pop());
}

describe('failures the operator hears of', () => {
	it('a run killed with its scheduler (kill -9) is alerted and counted at the next start, and ends when it was last alive, not at the restart', async () => {
		const receiver = new Receiver();
		receivers.push(receiver);
		const hook = await receiver.listen();
		const root = rootWith('jobs:\n  - {id: slow, trigger: manual, command: ["sh", "-c", "sleep 0.3; echo tick; sleep 60"]}\n  - {id: other, trigger: manual, command: ["true"]}\n', hook);
		const first = await startWithApi(root.dir);
		expect(runCli(['run', 'slow', '--detach', '--root', root.dir]).code).toBe(0);
		const row = await waitFor(() => readRuns(root.dir).find(entry => entry.job_id === 'slow' && entry.status === 'running' && entry.pid && entry.log_path), 20_000, 'the run to be running');
		// Its run log written after its start (0.3 s later: a file's time is the kernel's coarse clock, a few ms behind), then the kill.
		await waitFor(() => readFileSync(path.resolve(root.dir, row.log_path!), 'utf8').includes('tick'), 20_000, 'tick in the run log');
		await sleep(500);
		first.app.child.kill('SIGKILL');
		await first.app.exited;
		const killedAt = Date.now();
		// The outage: the restart comes seconds later.
		await sleep(4000);
		const restartAt = Date.now();
		const second = await startWithApi(root.dir);

		const ended = await waitFor(() => readRuns(root.dir).find(entry => entry.id === row.id && entry.status === 'interrupted'), 10_000, 'the run marked interrupted');
		const run = (await (await fetch(`${second.url}/v1/runs/${row.id}`)).json()) as {run: {startedAt: number; finishedAt: number; durationMs: number; error: {message: string}}};
		expect(run.run.finishedAt).toBeLessThanOrEqual(killedAt);
		expect(run.run.finishedAt).toBeLessThan(restartAt);
		expect(run.run.durationMs).toBeLessThan(killedAt - run.run.startedAt + 1);
		expect(run.run.error.message).toMatch(/last known alive at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(its run log's last write\)/);
		expect(ended.id).toBe(row.id);

		// The job's failure alert reached the webhook.
		const alert = await waitFor(() => receiver.bodies.find(body => body.run?.id === row.id), 10_000, 'the interrupted run\'s alert at the webhook');
		expect(alert).toMatchObject({event: 'failure', status: 'interrupted', job: {id: 'slow'}});

		// Counted, and the other job's failure series are there at 0 before anything happened.
		const text = await metrics(second.url);
		expect(series(text, 'sage_runs_total', 'job="slow",status="interrupted"')).toBe(1);
		for (const status of ['failed', 'timeout', 'interrupted']) {
			expect(series(text, 'sage_runs_total', `job="other",status="${status}"`)).toBe(0);
		}

		expect(series(text, 'sage_alert_deliveries_total', 'channel="webhook",outcome="failed"')).toBe(0);
		expect(series(text, 'sage_fires_missed_total', 'job="other"')).toBe(0);
	});

	it('an alert the webhook could not take is a standing notice (status, sage_notices) until a delivery through it succeeds', async () => {
		// Nothing listens there yet: every delivery is refused. Outside the ephemeral range, nothing else takes it meanwhile.
		const port = await freePort();
		const root = rootWith('jobs:\n  - {id: flaky, trigger: manual, command: ["sh", "-c", "test -e \\"$0\\"", "FLAG"]}\n', `http://127.0.0.1:${port}/hook`);
		const flag = path.join(root.dir, 'ok-flag');
		const jobsFile = path.join(root.dir, 'config/jobs.yaml');
		writeFileSync(jobsFile, readFileSync(jobsFile, 'utf8').replace('FLAG', flag));
		const {url} = await startWithApi(root.dir);
		const before = await metrics(url);
		expect(series(before, 'sage_runs_total', 'job="flaky",status="failed"')).toBe(0);
		expect(series(before, 'sage_alert_deliveries_total', 'channel="webhook",outcome="failed"')).toBe(0);

		expect(runCli(['run', 'flaky', '--root', root.dir]).code).not.toBe(0);
		const status = await waitFor(() => {
			const out = runCli(['status', '--root', root.dir]).stdout;
			return out.includes('alerts not delivered') ? out : undefined;
		}, 20_000, 'the notice in status');
		expect(status).toMatch(/alerts not delivered: webhook \([^)]*ECONNREFUSED[^)]*\)\) since \d\d:\d\d; 0 waiting/);
		const during = await metrics(url);
		expect(series(during, 'sage_notices', '') ?? Number(/^sage_notices (\d+)/m.exec(during)?.[1])).toBe(1);
		expect(series(during, 'sage_runs_total', 'job="flaky",status="failed"')).toBe(1);
		expect(series(during, 'sage_alert_deliveries_total', 'channel="webhook",outcome="failed"')).toBe(1);

		// The webhook is back, the job recovers: its recovery alert goes through and the notice is gone.
		const back = new Receiver();
		receivers.push(back);
		await back.listen(port);
		writeFileSync(flag, '');
		// Run without blocking this process's event loop: the webhook that takes the recovery alert answers on it.
		const recovered = startCli(['run', 'flaky', '--root', root.dir]);
		expect(await recovered.exited).toBe(0);
		await waitFor(() => back.bodies.find(body => body.event === 'recovery'), 20_000, 'the recovery alert at the webhook');
		await waitFor(() => !runCli(['status', '--root', root.dir]).stdout.includes('alerts not delivered'), 10_000, 'the notice to clear');
		expect(Number(/^sage_notices (\d+)/m.exec(await metrics(url))?.[1])).toBe(0);
	});

	it('a job added by a jobs.yaml edit has its failure series at 0 before its first run', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: first, trigger: manual, command: ["true"]}\n'});
		const {url} = await startWithApi(root.dir);
		writeFileSync(path.join(root.dir, 'config/jobs.yaml'), 'jobs:\n  - {id: first, trigger: manual, command: ["true"]}\n  - {id: added, trigger: manual, command: ["false"]}\n');
		const deadline = Date.now() + 20_000;
		let text = await metrics(url);
		while (series(text, 'sage_runs_total', 'job="added",status="failed"') === undefined && Date.now() < deadline) {
			await sleep(200);
			text = await metrics(url);
		}

		expect(series(text, 'sage_runs_total', 'job="added",status="failed"')).toBe(0);
		expect(series(text, 'sage_runs_total', 'job="added",status="interrupted"')).toBe(0);
		expect(series(text, 'sage_fires_skipped_total', 'job="added"')).toBe(0);
	});
});

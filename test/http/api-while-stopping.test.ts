/**
 * A scheduler stopped on SIGTERM with `shutdown: wait` gives its live runs their grace. Meanwhile its
 * HTTP API still answers, as the monitoring pointed at it expects: /v1/health is 503 with `stopping`,
 * /metrics has sage_scheduler_up 0 (the documented alert's half that catches a stop), and an SSE follower
 * sees the run it waited for end. Only then does the API close. A real `--headless` with its API on a
 * free port, a real `sh` job.
 */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {startHeadlessWithApi, scrapeMetrics} from '../helpers/headless-api.js';
import {runCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {readRuns} from '../helpers/history-file.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const slow = 60_000;

const jobsYaml = `shutdown: wait
shutdown_grace: 60s
jobs:
  - id: slow
    trigger: manual
    command: ["sh", "-c", "echo begun; while [ ! -e finish-now ]; do sleep 0.1; done; echo done"]
`;

/** Reads the SSE stream into `into.text` until the server ends it. */
async function follow(url: string, into: {text: string; ended: boolean}): Promise<void> {
	const response = await fetch(`${url}/v1/events`);
	const reader = response.body!.getReader();
	const decoder = new TextDecoder();
	try {
		for (;;) {
			const {value, done} = await reader.read();
			if (done) {
				break;
			}

			into.text += decoder.decode(value, {stream: true});
		}
	} catch {
		// The connection closed under the read: the stream ended all the same.
	}

	into.ended = true;
}

it('answers health 503 stopping, sage_scheduler_up 0 and SSE events while the stop waits for a live run', async () => {
	// Given a scheduler with its API, a run going, and an SSE follower
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
	const {app, url} = await startHeadlessWithApi(processes, root.dir);
	expect(runCli(['run', 'slow', '--detach', '--root', root.dir]).code).toBe(0);
	await waitFor(() => readRuns(root.dir).some(row => row.job_id === 'slow' && row.status === 'running'), slow, 'the run to start');
	const sse = {text: '', ended: false};
	const following = follow(url, sse);
	await waitFor(() => sse.text.includes('event: snapshot'), slow, 'the SSE follower\'s snapshot');

	// When the scheduler is told to stop and waits for the run
	app.child.kill('SIGTERM');
	await waitFor(() => app.output().stdout.includes('stopping'), slow, 'the scheduler to say it stops');

	// Then its API still answers: health says it stops, the metric that alerts on a stop is 0
	const health = await fetch(`${url}/v1/health`);
	expect(health.status).toBe(503);
	expect(await health.json()).toMatchObject({ok: false, stopping: true});
	expect(await scrapeMetrics(url)).toMatch(/^sage_scheduler_up 0$/m);
	// And a run asked for now is refused, saying why
	const asked = await fetch(`${url}/v1/jobs/slow/run`, {method: 'POST'});
	expect(asked.ok).toBe(false);
	expect(await asked.text()).toContain('stopping');

	// And once the run ends, the follower has seen it end, then the API closes and the scheduler exits
	writeFileSync(path.join(root.dir, 'finish-now'), '');
	expect(await app.exited).toBe(0);
	await following;
	expect(sse.ended).toBe(true);
	expect(sse.text).toMatch(/event: run-finished\ndata: \{[^\n]*"jobId":"slow"[^\n]*"status":"success"/);
	// (the run refused is kept as skipped, as a fire refused by a stopping scheduler is)
	expect(readRuns(root.dir).filter(row => row.job_id === 'slow' && row.status !== 'skipped').map(row => row.status)).toEqual(['success']);
}, 3 * slow);

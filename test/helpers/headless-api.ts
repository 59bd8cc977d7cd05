/**
 * A real headless scheduler with its HTTP API on a free loopback port, and /metrics read over HTTP as
 * Prometheus scrapes it: for tests of what the operator's alert rules see.
 */
import {waitFor} from './wait-for.js';
import {schedulerStarted, startCli, type HeadlessProcesses} from './run-cli.js';

/** Starts `sage-console --headless --http 127.0.0.1:0`; settles with the API's URL once it listens. */
export async function startHeadlessWithApi(processes: HeadlessProcesses, root: string) {
	const app = startCli(['--headless', '--http', '127.0.0.1:0', '--root', root]);
	processes.track(app);
	await schedulerStarted(app);
	const url = await waitFor(() => /HTTP API listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(app.output().stdout)?.[1], 20_000, 'the HTTP API to listen');
	return {app, url};
}

/** The text of /metrics. */
export async function scrapeMetrics(url: string): Promise<string> {
	const response = await fetch(`${url}/metrics`);
	if (response.status !== 200) {
		throw new Error(`GET ${url}/metrics answered ${response.status}`);
	}

	return response.text();
}

/** The value of one series (`labels` as /metrics prints them, `job="a",status="failed"`), or undefined when it is absent. */
export function seriesValue(text: string, name: string, labels: string): number | undefined {
	const line = text.split('\n').find(entry => entry.startsWith(`${name}{${labels}} `));
	return line === undefined ? undefined : Number(line.split(' ').pop());
}

/** Scrapes until `test` holds for the text (or the time is up); settles with the last text read. */
export async function scrapeUntil(url: string, test: (text: string) => boolean, what: string, timeoutMs = 20_000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const text = await scrapeMetrics(url);
		if (test(text)) {
			return text;
		}

		if (Date.now() > deadline) {
			throw new Error(`timed out waiting for ${what}; /metrics had:\n${text.split('\n').filter(line => line.startsWith('sage_')).join('\n')}`);
		}

		await new Promise(resolve => {
			setTimeout(resolve, 200);
		});
	}
}

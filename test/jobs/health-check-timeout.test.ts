/**
 * The shipped health_check job against a server that accepts and never answers: each URL is given up
 * on at `timeoutMs` ("no answer within N ms") even when garbage collections run meanwhile, as they do in
 * a job's thread. Before, the request's signal was `AbortSignal.any` over a timeout, which Node 20 holds
 * only weakly: a collection mid-request lost it and the check hung until the job's own timeout (a run
 * with `timeoutMs: 8000` was still going 36 s later, until the scheduler's stop cancelled it).
 */
import {createServer, type Server, type Socket} from 'node:net';
import {setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';
import pino from 'pino';
import {afterEach, expect, it} from 'vitest';
import healthCheck from '../../jobs/health-check.js';
import type {JobContext} from '../../src/job-api.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

let server: Server | undefined;
const held: Socket[] = [];

afterEach(async () => {
	for (const socket of held.splice(0)) {
		socket.destroy();
	}

	await new Promise(resolve => server?.close(resolve) ?? resolve(undefined));
});

/** A server that takes every connection and never says a word. */
async function silentServer(): Promise<string> {
	server = createServer(socket => held.push(socket));
	await new Promise<void>(resolve => server!.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/health`;
}

function context(params: {urls: string[]; timeoutMs: number}, signal: AbortSignal): JobContext<typeof params> {
	const root = process.cwd();
	return {
		jobId: 'health_check', runId: 1, params, scheduledAt: new Date(), attempt: 1, log: pino({level: 'silent'}),
		progress() {}, signal, notify() {},
		paths: {root, data: root, processed: root, features: root, reports: root, logs: root},
	};
}

it('gives up on a URL that never answers at timeoutMs, through garbage collections', async () => {
	const url = await silentServer();
	const collections = setInterval(collectGarbage, 10);
	try {
		await expect(healthCheck(context({urls: [url], timeoutMs: 300}, new AbortController().signal)))
			.rejects.toThrow(`1 of 1 unhealthy: ${url} (no answer within 300 ms)`);
	} finally {
		clearInterval(collections);
	}
}, 15_000);

it('a cancelled run still ends its waiting request at once, with the cancel\'s reason', async () => {
	const url = await silentServer();
	const cancel = new AbortController();
	const checked = healthCheck(context({urls: [url], timeoutMs: 60_000}, cancel.signal));
	await new Promise<void>(resolve => {
		const look = setInterval(() => {
			if (held.length > 0) {
				clearInterval(look);
				resolve();
			}
		}, 5);
	});
	cancel.abort(new Error('the run was cancelled (cancel)'));
	await expect(checked).rejects.toThrow(`1 of 1 unhealthy: ${url} (the run was cancelled (cancel))`);
});

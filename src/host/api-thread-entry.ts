/**
 * The HTTP API's thread's program (see api-thread.ts): reads the tokens, connects to the scheduler
 * with the protocol, builds the metrics and the server, listens, and says so. A setting that cannot be
 * used is reported as refused; anything else thrown ends the thread as a crash.
 */
import {readlinkSync} from 'node:fs';
import path from 'node:path';
import {parentPort, workerData} from 'node:worker_threads';
import {ApiTokens, TokenConfigError} from '../http/api-tokens.js';
import {HttpListenError, prepareHttpServer} from '../http/http-server.js';
import {SchedulerLink} from '../http/scheduler-link.js';
import {metricEvents, protocolMetricSources} from '../metrics/metric-sources.js';
import {SchedulerMetrics} from '../metrics/scheduler-metrics.js';
import {SchedulerClient} from '../protocol/client.js';
import type {ApiThreadData, ApiThreadOrder, ApiThreadReport} from './api-thread.js';
import {portTransport} from './port-transport.js';

const {settings, root, port} = workerData as ApiThreadData;
const report = (message: ApiThreadReport) => parentPort!.postMessage(message);
/** The thread's id, as `top -H` and /proc/PID/task/ show it (all of Node's threads are named "node"). */
const threadId = () => {
	try {
		return Number(readlinkSync('/proc/thread-self').split('/').pop());
	} catch {
		return undefined;
	}
};

const end = () => {
	port.close();
	parentPort!.close();
};

// No lower priority (nice) for this thread: at nice 10, on a box kept busy by two other processes, it
// was starved until a client's connection timed out (10 s) in bench/measure-api.ts.
const tid = threadId();
try {
	// Read here, never sent across: no token leaves this thread or reaches a log.
	const tokens = ApiTokens.load(process.env.SAGE_API_TOKENS, settings.tokensFile && path.resolve(root, settings.tokensFile));
	const {client, server} = await SchedulerClient.connect(portTransport(port), 'http-api');
	// Listening to the metrics' events before subscribing to them: none is missed.
	const metrics = new SchedulerMetrics(protocolMetricSources(client));
	const {link, snapshot} = await SchedulerLink.open(client, server, metricEvents, {healthTimeoutMs: settings.healthTimeoutMs});
	metrics.seedLastSuccesses(snapshot);
	const prepared = await prepareHttpServer({...settings, tokens, client, events: link, metrics, health: now => link.health(now), warn: (fields, message) => report({type: 'warn', fields, message})});
	const http = await prepared.listen();
	let closing: Promise<void> | undefined;
	const close = async () => {
		closing ??= (async () => {
			// One round trip first: its answer comes after every event sent before it (one port, in
			// order), so SSE and log followers get the scheduler's last events (the runs a stop waited
			// for ending) before they are let go. A scheduler that does not answer: the thread's stop
			// is forced after its timeout all the same.
			await client.request('ping', {}).catch(() => undefined);
			await http.close();
			link.close();
			metrics.close();
			client.close();
			report({type: 'stopped'});
			end();
		})();
		return closing;
	};

	parentPort!.on('message', (order: ApiThreadOrder) => {
		if (order.type === 'stop') {
			void close();
		}
	});
	// The scheduler's side went away without a word: nothing left to serve.
	client.onClose(() => void close());
	report({type: 'listening', url: http.url, tokens: tokens.configured, tid});
} catch (error) {
	if (error instanceof TokenConfigError || error instanceof HttpListenError) {
		report({type: 'refused', message: error.message});
		end();
	} else {
		throw error;
	}
}

import {MessageChannel} from 'node:worker_threads';
import {EventRelay} from '../../src/host/event-relay.js';
import {portTransport} from '../../src/host/port-transport.js';
import {createRequestHandler} from '../../src/host/request-handler.js';
import {SchedulerClient} from '../../src/protocol/client.js';
import {serveSession} from '../../src/protocol/server-session.js';
import {SchedulerFeed} from '../../src/ui/scheduler-feed.js';
import type {TestScheduler} from './test-scheduler.js';

/**
 * A console's view of a test scheduler, through the real protocol over a real MessagePort, as the
 * console talks to its scheduler thread. With `jobsFile`, the jobs.yaml requests (`export-jobs`…) read
 * and write that file, as the host's do.
 */
export async function consoleFeed(t: TestScheduler, jobsFile?: {configFile: string; root: string}): Promise<SchedulerFeed> {
	const info = {protocol: 1, pid: process.pid, startedAt: Date.now(), version: 'test', root: t.root.dir};
	const relay = new EventRelay(t.scheduler);
	const handler = createRequestHandler({
		scheduler: t.scheduler,
		relay,
		store: t.store,
		reload: async () => ({ok: true, problems: [], added: [], removed: [], changed: []}),
		notificationsFor: () => [],
		info,
		jobsFile,
	});
	const channel = new MessageChannel();
	serveSession(portTransport(channel.port2), handler, relay, info);
	const {client} = await SchedulerClient.connect(portTransport(channel.port1), 'test console');
	return SchedulerFeed.open(client);
}

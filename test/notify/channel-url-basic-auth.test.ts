/**
 * A channel URL with `user:password@` (a webhook receiver or a PushPlus relay behind basic auth) is
 * reached with the credentials as an `Authorization: Basic` header. fetch refuses such a URL, so every
 * delivery failed ("Request cannot be constructed from a URL that includes credentials") while
 * validate said OK; the password stays out of the log. Built binary (`notify test`, and a failing job
 * under a real headless scheduler), a real local HTTP server keeping each request's Authorization header.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {trackLocalReceivers} from '../http/local-receiver.js';
import {schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const startReceiver = trackLocalReceivers();
const password = 'p@ss-hunter2-x';
const expected = `Basic ${Buffer.from(`ops:${password}`).toString('base64')}`;

it('sends to a webhook and a PushPlus URL with user:password@ as basic auth, keeping the password out of the log', async () => {
	const {receiver, url} = await startReceiver();
	const withCredentials = (pathname: string) => url.replace('http://', `http://ops:${encodeURIComponent(password)}@`) + pathname;
	const root = processes.makeRoot({
		'config/jobs.yaml': 'jobs:\n  - {id: feed, trigger: manual, command: ["false"]}\n',
		'config/notify_config.json': JSON.stringify({channels: {webhook: {url: withCredentials('/hook')}, pushplus: {url: withCredentials('/send')}}, delivery: {attempts: 1, backoff_ms: 10, timeout_ms: 20_000}}),
		'config/user_config.json': JSON.stringify({users: [{name: 'ops', pushplus_token: 'pp-token-123456'}]}),
	});
	// The receiver answers `OK`, which the webhook takes and PushPlus's reading does not: what matters is what reached it.
	const answered = () => receiver.received.filter(request => request.headers.authorization === expected);

	// Given the URLs with credentials, when a test message goes out
	// (started, not run synchronously: the receiver answers from this process's event loop)
	const test = startCli(['notify', 'test', '--root', root.dir]);
	await test.exited;

	// Then both channels reached the receiver with the credentials as a header, not in the URL
	expect(receiver.received.map(request => [request.path, request.headers.authorization]).sort()).toEqual([['/hook', expected], ['/send', expected]]);
	expect(test.output().stdout).toMatch(/webhook\s+webhook\s+sent \(1 attempt\)/);

	// And a failing job's alert under a live scheduler goes the same way
	const headless = processes.start(root.dir);
	await schedulerStarted(headless);
	const run = startCli(['run', 'feed', '--root', root.dir]);
	expect(await run.exited).toBe(1);
	await waitFor(() => answered().some(request => request.path === '/hook' && request.body.includes('"event":"failure"')), 30_000, 'the webhook failure alert');
	await waitFor(() => readFileSync(path.join(root.dir, 'logs/sage-console.log'), 'utf8').includes('notification sent: webhook'), 30_000, 'the delivery to be logged');
	expect(readFileSync(path.join(root.dir, 'logs/sage-console.log'), 'utf8')).not.toContain('hunter2');
}, 90_000);

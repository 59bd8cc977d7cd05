/**
 * Two users of user_config.json with the same name (an entry copied for a colleague, only the token
 * changed) each get their PushPlus messages with their own token. Their deliveries shared one queue, by
 * name: what waited for it went out as one digest with the first user's token, so the second user got
 * nothing while `notify test` said sent for both. Built binary, a real local server answering as PushPlus.
 */
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterEach, expect, it} from 'vitest';
import {startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();
const received: Array<{token: string; title: string}> = [];
const server = createServer((request, response) => {
	let body = '';
	request.setEncoding('utf8').on('data', (chunk: string) => {
		body += chunk;
	}).on('end', () => {
		const {token, title} = JSON.parse(body) as {token: string; title: string};
		received.push({token, title});
		response.writeHead(200, {'content-type': 'application/json'}).end(JSON.stringify({code: 200, msg: '请求成功'}));
	});
});

afterEach(async () => {
	server.closeAllConnections();
	await new Promise(resolve => {
		server.close(resolve);
	});
});

it('sends each of two same-named users their message with their own token', async () => {
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
	const root = processes.makeRoot({
		'config/jobs.yaml': 'jobs: []\n',
		'config/notify_config.json': JSON.stringify({channels: {pushplus: {url}}, delivery: {attempts: 1, backoff_ms: 10, timeout_ms: 20_000}}),
		'config/user_config.json': JSON.stringify({users: [{name: '张三', pushplus_token: 'pp-token-first-111'}, {name: '张三', pushplus_token: 'pp-token-second-222'}]}),
	});

	// Started, not run synchronously: the server answers from this process's event loop.
	const test = startCli(['notify', 'test', '--root', root.dir]);
	expect(await test.exited).toBe(0);

	expect(received.map(request => request.token).sort()).toEqual(['pp-token-first-111', 'pp-token-second-222']);
	expect(received.map(request => request.title)).toEqual(['🔔 sage-console test message', '🔔 sage-console test message']);
});

/**
 * A channel URL that answers with a 301, 302 or 303 (an http:// receiver moved to https://) is a failed
 * delivery naming where it moved: fetch followed it with a GET without the body, the receiver answered
 * that GET with 200, and the lost alert read as sent. A 307 or 308, which keep the POST and its body,
 * is still followed. Built binary (`notify test`), a real local HTTP server that redirects.
 */
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, expect, it} from 'vitest';
import {startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();
const received: Array<{method: string; url: string; body: string}> = [];
const server = createServer((request, response) => {
	let body = '';
	request.setEncoding('utf8').on('data', (chunk: string) => {
		body += chunk;
	}).on('end', () => {
		received.push({method: request.method ?? '', url: request.url ?? '', body});
		const moved = {'/moved': 301, '/kept': 308}[request.url ?? ''];
		response.writeHead(moved ?? 200, moved ? {location: '/new/hook'} : {}).end('ok');
	});
});

afterEach(async () => {
	server.closeAllConnections();
	await new Promise(resolve => {
		server.close(resolve);
	});
});

async function notifyTest(root: string, url: string) {
	writeFileSync(path.join(root, 'config/notify_config.json'), JSON.stringify({channels: {webhook: {url}}, delivery: {attempts: 1, backoff_ms: 10, timeout_ms: 20_000}}));
	// Started, not run synchronously: the server answers from this process's event loop.
	const test = startCli(['notify', 'test', '--root', root]);
	return {code: await test.exited, stdout: test.output().stdout};
}

it('fails a delivery a 301 redirects, naming where it moved, and follows a 308 with the POST', async () => {
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const root = processes.makeRoot({'config/jobs.yaml': 'jobs: []\n'});

	// A 301: failed, once (not worth a retry), and no GET without the body went out
	const moved = await notifyTest(root.dir, `${base}/moved`);
	expect(moved.code).toBe(1);
	expect(moved.stdout).toContain(`FAILED (1 attempt): HTTP 301, moved to ${base}/new/hook`);
	expect(received.map(request => `${request.method} ${request.url}`)).toEqual(['POST /moved']);

	// A 308: followed, the POST and its body arrive
	const kept = await notifyTest(root.dir, `${base}/kept`);
	expect(kept.code).toBe(0);
	expect(received.slice(1).map(request => `${request.method} ${request.url}`)).toEqual(['POST /kept', 'POST /new/hook']);
	expect(received[2]!.body).toContain('"event":"test"');
});

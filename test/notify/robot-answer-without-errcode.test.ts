/**
 * A DingTalk or WeCom robot answers every message with an `errcode` (0: taken). An answer without one
 * (`{}` from a proxy or a captive portal in the way, a wrong URL that answers JSON) read as errcode 0,
 * and the alert counted as sent while nobody got it; an answer of `null` failed with `Cannot read
 * properties of null`. Both are now failed deliveries saying the robot answered without an errcode.
 * Built binary (`notify test`), a real local HTTP server answering as such a thing in the way does.
 */
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();
const server = createServer((request, response) => {
	request.resume().on('end', () => {
		response.writeHead(200, {'content-type': 'application/json'}).end(request.url?.startsWith('/null') ? 'null' : '{}');
	});
});
let base = '';

beforeAll(async () => {
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
	server.closeAllConnections();
	await new Promise(resolve => {
		server.close(resolve);
	});
});

async function notifyTest(channels: Record<string, unknown>) {
	const root = processes.makeRoot({'config/jobs.yaml': 'jobs: []\n'});
	writeFileSync(path.join(root.dir, 'config/notify_config.json'), JSON.stringify({channels, delivery: {attempts: 1, backoff_ms: 10, timeout_ms: 20_000}}));
	// Started, not run synchronously: the server answers from this process's event loop.
	const test = startCli(['notify', 'test', '--root', root.dir]);
	return {code: await test.exited, stdout: test.output().stdout};
}

it('fails a robot delivery whose answer has no errcode, saying so', async () => {
	const dingtalk = await notifyTest({dingtalk: {webhook: `${base}/robot/send?access_token=dt`}});
	expect(dingtalk.code).toBe(1);
	expect(dingtalk.stdout).toContain('FAILED (1 attempt): DingTalk answered without an errcode ({}): is the URL the robot\'s webhook?');

	const wecom = await notifyTest({wecom: {webhook: `${base}/null/cgi-bin/webhook/send?key=wc`}});
	expect(wecom.code).toBe(1);
	expect(wecom.stdout).toContain('FAILED (1 attempt): WeCom answered without an errcode (null): is the URL the robot\'s webhook?');
}, 60_000);

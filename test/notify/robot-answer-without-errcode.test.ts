/**
 * A DingTalk or WeCom robot answers every message with an `errcode` (0: taken). An answer without one
 * (`{}` from a proxy or a captive portal in the way, a wrong URL that answers JSON) read as errcode 0,
 * and the alert counted as sent while nobody got it; an answer of `null` failed with `Cannot read
 * properties of null`. Both are now failed deliveries saying the robot answered without an errcode.
 * Built binary (`notify test`), a real local HTTP server answering as such a thing in the way does.
 */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {answeringServerForFile} from '../helpers/answering-server.js';
import {startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();
const server = answeringServerForFile(asked => ({body: asked.startsWith('/null') ? 'null' : '{}'}));

async function notifyTest(channels: Record<string, unknown>) {
	const root = processes.makeRoot({'config/jobs.yaml': 'jobs: []\n'});
	writeFileSync(path.join(root.dir, 'config/notify_config.json'), JSON.stringify({channels, delivery: {attempts: 1, backoff_ms: 10, timeout_ms: 20_000}}));
	// Started, not run synchronously: the server answers from this process's event loop.
	const test = startCli(['notify', 'test', '--root', root.dir]);
	return {code: await test.exited, stdout: test.output().stdout};
}

it('fails a robot delivery whose answer has no errcode, saying so', async () => {
	const dingtalk = await notifyTest({dingtalk: {webhook: `${server.base()}/robot/send?access_token=dt`}});
	expect(dingtalk.code).toBe(1);
	expect(dingtalk.stdout).toContain('FAILED (1 attempt): DingTalk answered without an errcode ({}): is the URL the robot\'s webhook?');

	const wecom = await notifyTest({wecom: {webhook: `${server.base()}/null/cgi-bin/webhook/send?key=wc`}});
	expect(wecom.code).toBe(1);
	expect(wecom.stdout).toContain('FAILED (1 attempt): WeCom answered without an errcode (null): is the URL the robot\'s webhook?');
}, 60_000);

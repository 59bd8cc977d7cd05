/**
 * PushPlus answers with a `code` in its body. 905 (an account not verified) and 999 (a message its server
 * refuses) are about the account or the message: another try cannot help, and each try was spent
 * against the account's 5 a minute. They fail at once now, as 903 (a bad token) does; a 500 of its own
 * is still tried again. An answer without a code (`null` from something in the way) is a failed
 * delivery saying so; it failed with `Cannot read properties of null`.
 * Built binary (`notify test`), a real local HTTP server answering as PushPlus does.
 */
import {expect, it} from 'vitest';
import {answeringServerForFile} from '../helpers/answering-server.js';
import {startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();
const answers: Record<string, string> = {
	'/unverified': JSON.stringify({code: 905, msg: '账户未进行实名认证'}),
	'/refused': JSON.stringify({code: 999, msg: '服务端验证错误'}),
	'/busy': JSON.stringify({code: 500, msg: '服务器繁忙'}),
	'/null': 'null',
};
const server = answeringServerForFile(asked => ({body: answers[asked] ?? '{}'}));

async function notifyTest(route: string) {
	const root = processes.makeRoot({
		'config/jobs.yaml': 'jobs: []\n',
		'config/notify_config.json': JSON.stringify({channels: {pushplus: {url: `${server.base()}${route}`}}, delivery: {attempts: 3, backoff_ms: 10, timeout_ms: 20_000}}),
		'config/user_config.json': JSON.stringify({users: [{name: 'ops', pushplus_token: 'pp-token-1'}]}),
	});
	server.asked.length = 0;
	// Started, not run synchronously: the server answers from this process's event loop.
	const test = startCli(['notify', 'test', '--root', root.dir]);
	return {code: await test.exited, stdout: test.output().stdout, tries: [...server.asked]};
}

it('fails a 905 or a 999 at once, tries a 500 again, and says when the answer has no code', async () => {
	const unverified = await notifyTest('/unverified');
	expect(unverified.code).toBe(1);
	expect(unverified.stdout).toContain('FAILED (1 attempt): PushPlus code 905: 账户未进行实名认证');
	expect(unverified.tries).toEqual(['/unverified']);

	const refused = await notifyTest('/refused');
	expect(refused.stdout).toContain('FAILED (1 attempt): PushPlus code 999: 服务端验证错误');
	expect(refused.tries).toHaveLength(1);

	const busy = await notifyTest('/busy');
	expect(busy.stdout).toContain('FAILED (3 attempts): PushPlus code 500: 服务器繁忙');
	expect(busy.tries).toHaveLength(3);

	const nothing = await notifyTest('/null');
	expect(nothing.stdout).toContain('FAILED (3 attempts): PushPlus answered without a code (null): is the URL PushPlus\'s send address?');
}, 60_000);

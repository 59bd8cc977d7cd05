import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {MailServer, RobotServer} from '../helpers/robot-servers.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';
import {spawn} from 'node:child_process';
import {createServer, type AddressInfo} from 'node:net';
import {binary} from '../helpers/run-cli.js';

let robots: RobotServer;
let mail: MailServer;
let root: TempRoot;

beforeEach(async () => {
	robots = new RobotServer('SECret-abc-123456', 'pp-good-token-1');
	mail = new MailServer();
	const base = await robots.start();
	const port = await mail.start();
	root = makeTempRoot({
		'config/jobs.yaml': 'jobs:\n  - {id: a, trigger: manual, command: ["true"]}\n',
		'config/notify_config.json': JSON.stringify({channels: {
			pushplus: {url: `${base}/send`},
			dingtalk: {webhook: `${base}/robot/send?access_token=dt-token-xyz-789`, secret: 'SECret-abc-123456'},
			wecom: {webhook: `${base}/cgi-bin/webhook/send?key=wc-key-xyz-456`},
			email: {host: '127.0.0.1', port, secure: false, from: 'sage@box.local', to: ['ops@box.local']},
		}, delivery: {attempts: 2, backoff_ms: 20, timeout_ms: 1000}}),
		'config/user_config.json': JSON.stringify({users: [{name: 'ops', pushplus_token: 'pp-good-token-1'}, {name: 'stale', pushplus_token: 'pp-revoked-token'}]}),
	});
});

afterEach(async () => {
	await robots.stop();
	await mail.stop();
	root.remove();
});

/** The CLI talks to servers in this process, so it must run without blocking the event loop. */
async function runAsync(args: string[]): Promise<{code: number | null; stdout: string; stderr: string}> {
	const child = spawn(binary, args, {stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
	});
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	const code = await new Promise<number | null>(resolve => {
		child.on('exit', resolve);
	});
	return {code, stdout, stderr};
}

describe('sage-console notify test', () => {
	it('sends through each configured channel and reports each real outcome', async () => {
		robots.mode.wecom = 'error500';
		const result = await runAsync(['notify', 'test', '--root', root.dir]);
		expect(result.code).toBe(1);
		const lines = result.stdout.trim().split('\n').map(line => line.replaceAll(/\s+/g, ' '));
		expect(lines).toEqual([
			'pushplus ops sent (1 attempt)',
			expect.stringMatching(/^pushplus stale FAILED \(1 attempt\): PushPlus code 903: .* \(the token is not valid\)$/),
			'dingtalk robot sent (1 attempt)',
			'wecom robot FAILED (2 attempts): HTTP 500',
			'email ops@box.local sent (1 attempt)',
		]);
		expect(mail.mails).toHaveLength(1);
		expect(result.stdout).not.toContain('pp-good-token-1');
		expect(result.stdout).not.toContain('wc-key-xyz-456');
	});

	it('sends through one channel with --channel', async () => {
		const result = await runAsync(['notify', 'test', '--channel', 'dingtalk', '--root', root.dir]);
		expect(result.code).toBe(0);
		expect(result.stdout.replaceAll(/\s+/g, ' ').trim()).toBe('dingtalk robot sent (1 attempt)');
		expect(robots.of('/robot/send')).toHaveLength(1);
		expect(robots.received).toHaveLength(1);
	});

	it('reports a webhook that is down as failed, with why, after its retries (nothing else keeps the command alive meanwhile)', async () => {
		const port = await closedPort();
		const down = makeTempRoot({
			'config/jobs.yaml': 'jobs: []\n',
			'config/notify_config.json': JSON.stringify({channels: {webhook: {url: `http://127.0.0.1:${port}/hook`}}, delivery: {attempts: 3, backoff_ms: 300, timeout_ms: 1000}}),
		});
		try {
			const result = await runAsync(['notify', 'test', '--root', down.dir]);
			expect(result.stdout.replaceAll(/\s+/g, ' ').trim()).toBe(`webhook webhook FAILED (3 attempts): fetch failed (connect ECONNREFUSED 127.0.0.1:${port})`);
			expect(result.code).toBe(1);
		} finally {
			down.remove();
		}
	});

	it('says so when nothing is configured', () => {
		const bare = makeTempRoot({'config/jobs.yaml': 'jobs: []\n'});
		const result = runCli(['notify', 'test', '--root', bare.dir]);
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('no notification channel configured');
		bare.remove();
	});
});

/** A port nothing listens on: one the kernel just gave out and took back. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as AddressInfo;
	await new Promise(resolve => {
		server.close(resolve);
	});
	return port;
}

/**
 * A running scheduler says, as a standing notice and in its log, that a job's or service's
 * `notify.channels` names a channel the notify files do not set up (or `notify.users` a user they do not
 * have): its alerts there went nowhere, silently. Kept current at a reload of jobs.yaml. Built binary, a
 * real headless scheduler and root.
 */
import {chmodSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

const jobsYaml = (channels: string) => `jobs:
  - {id: feed, trigger: manual, command: ["false"], notify: {channels: [${channels}], users: [张三, 李四]}}
services:
  - {id: gateway, command: ["sleep", "1000"], enabled: false, notify: {channels: [email]}}
`;

it('tells at the start and after a reload which notify channels and users are not in the notify files', async () => {
	const root = processes.makeRoot({
		'config/jobs.yaml': jobsYaml('dingtalk, wecom'),
		'config/notify_config.json': JSON.stringify({channels: {dingtalk: {webhook: 'http://127.0.0.1:9/robot', secret: 'SEC1'}}}),
		'config/user_config.json': JSON.stringify({users: [{name: '张三', pushplus_token: 'tok-1'}]}),
	});
	for (const name of ['notify_config.json', 'user_config.json']) {
		chmodSync(path.join(root.dir, 'config', name), 0o600);
	}

	const status = () => runCli(['status', '--root', root.dir]).stdout;
	const log = () => readFileSync(path.join(root.dir, 'logs/sage-console.log'), 'utf8');
	const scheduler = processes.start(root.dir);
	await schedulerStarted(scheduler);

	await waitFor(() => status().includes('! alerts go nowhere: job feed: notify.channels wecom is not set up in notify_config.json (+2 more in the log)'), 30_000, 'the notice');
	expect(log()).toContain('alerts go nowhere: job feed: notify.users 李四 is not a user in user_config.json');
	expect(log()).toContain('alerts go nowhere: service gateway: notify.channels email is not set up in notify_config.json');

	writeFileSync(path.join(root.dir, 'config/jobs.yaml'), jobsYaml('dingtalk').replace(', 李四', '').replace('[email]', '[dingtalk]'));
	expect(runCli(['reload', '--root', root.dir]).code).toBe(0);
	await waitFor(() => !status().includes('alerts go nowhere'), 30_000, 'the notice to go');
});

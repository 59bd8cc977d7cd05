/**
 * A job's, group's or service's `notify.channels` naming a channel config/notify_config.json does not set
 * up, or `notify.users` naming a user config/user_config.json does not have, is a warning of `validate`
 * at that name in jobs.yaml, naming the job: its alerts went there silently to nowhere and validate said
 * OK. Built binary, a real root.
 */
import {chmodSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {runCli, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();

const jobsYaml = `jobs:
  - id: feed
    trigger: manual
    command: ["false"]
    notify: {channels: [dingtalk, wecom]}
  - id: report
    trigger: manual
    command: ["false"]
    notify: {users: [张三, 李四]}
  - id: fine
    trigger: manual
    command: ["false"]
    notify: {channels: [dingtalk, pushplus], users: [张三]}
services:
  - id: gateway
    command: ["sleep", "1000"]
    notify: {channels: [email]}
`;

const notifyConfig = JSON.stringify({channels: {dingtalk: {webhook: 'http://127.0.0.1:9/robot', secret: 'SEC1'}}});
const userConfig = JSON.stringify({users: [{name: '张三', pushplus_token: 'tok-1', notify_job_failures: true}]});

it('warns of a notify channel or user the notification files do not have, at its name, and exits 0', () => {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml, 'config/notify_config.json': notifyConfig, 'config/user_config.json': userConfig});
	for (const name of ['notify_config.json', 'user_config.json']) {
		chmodSync(path.join(root.dir, 'config', name), 0o600);
	}

	const validate = runCli(['validate'], {cwd: root.dir});
	expect(validate.code).toBe(0);
	expect(validate.stderr.split('\n').filter(Boolean)).toEqual([
		'config/jobs.yaml:5:35: warning: job feed: notify.channels: "wecom" is not set up in config/notify_config.json (it sets up pushplus, dingtalk): its alerts through wecom are not sent',
		'config/jobs.yaml:9:26: warning: job report: notify.users: "李四" is not a user in config/user_config.json (its users are 张三): its alerts do not reach them',
		'config/jobs.yaml:17:25: warning: service gateway: notify.channels: "email" is not set up in config/notify_config.json (it sets up pushplus, dingtalk): its alerts through email are not sent',
	]);
	expect(validate.stdout).toMatch(/^OK: config\/jobs\.yaml .*; 3 warnings;/);
});

/**
 * A job's or service's `notify` is read whole: a channel that is not one (`wechat`), a key that is not
 * one (`channel:`, `on_failures:`) and a switch that is not true or false are problems at their
 * FILE:LINE:COL. They were read as the default, silently: `channels: [wechat]` sent the job's failures
 * to no channel at all while `validate` said OK. Built binary, a real root.
 */
import {expect, it} from 'vitest';
import {runCli, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();

const jobsYaml = `jobs:
  - id: feed
    trigger: manual
    command: ["false"]
    notify: {channels: [wechat, dingtalk]}
  - id: report
    trigger: manual
    command: ["false"]
    notify: {channel: [email], on_failures: false}
  - id: backtest
    trigger: manual
    command: ["false"]
    notify: {on_success: "yes"}
  - id: quiet
    trigger: manual
    command: ["false"]
    notify: {channels: [wecom, email], users: [张三], on_failure: true, on_success: false, on_recovery: true}
services:
  - id: gateway
    command: ["sleep", "1000"]
    notify: {channels: [mail]}
`;

it('refuses a notify channel, key or switch that is not one, each at its position, and keeps the ones that are', () => {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
	const validate = runCli(['validate', '--root', root.dir]);
	expect(validate.code).toBe(1);
	const problems = validate.stderr.split('\n').filter(line => line.includes('jobs.yaml:'));
	expect(problems).toEqual([
		expect.stringMatching(/jobs\.yaml:5:25: notify\.channels: "wechat" is not a channel; they are pushplus, dingtalk, wecom, email, webhook$/),
		expect.stringMatching(/jobs\.yaml:9:14: unknown key "channel" in notify \(did you mean "channels"\?\)$/),
		expect.stringMatching(/jobs\.yaml:9:32: unknown key "on_failures" in notify \(did you mean "on_failure"\?\)$/),
		expect.stringMatching(/jobs\.yaml:13:26: on_success must be true or false, not "yes"$/),
		expect.stringMatching(/jobs\.yaml:21:25: notify\.channels: "mail" is not a channel; they are pushplus, dingtalk, wecom, email, webhook \(did you mean "email"\?\)$/),
	]);
});

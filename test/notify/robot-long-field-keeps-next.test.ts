/**
 * A failure whose error message alone passes WeCom's 4,096 bytes (an exception quoting a long Chinese
 * record) reaches the robot with the message cut and every field after it whole: the log path and the
 * `next:` line with what to type. The text was cut at its end, so WeCom's alert ended inside the error
 * and lost both. A real test scheduler, a real job, the local robot answering as WeCom does.
 */
import {expect, it} from 'vitest';
import {robotAlertedRuns} from '../helpers/robot-alerted-runs.js';

const {robots, alertedRun} = robotAlertedRuns({
	dingtalkSecret: 'SECdt-unused-1234',
	pushplusToken: 'pp-unused-token',
	jobsYaml: 'jobs:\n  - {id: fetch, name: 行情接口, trigger: manual, module: jobs/long-error.ts}\n',
	files: {'jobs/long-error.ts': "export default async function run() { throw new Error('接口返回：' + '成交额字段为空，'.repeat(3000)); }\n"},
	channels: base => ({wecom: {webhook: `${base}/cgi-bin/webhook/send?key=wc-key-55443322`}}),
	users: [],
});

it('keeps the log path and the next line of a WeCom alert whose error message alone is past its limit', async () => {
	const {run, rows} = await alertedRun('fetch');
	const wecom = (robots().of('/cgi-bin/webhook/send')[0]!.body.markdown as {content: string}).content;

	expect(rows).toEqual(['wecom:sent']);
	expect(Buffer.byteLength(wecom)).toBeLessThanOrEqual(4096);
	expect(wecom).toContain('- **error**: Error: 接口返回：成交额字段为空，');
	expect(wecom).toContain('…');
	expect(wecom).toContain(`- **log**: ${run.logPath}`);
	expect(wecom).toContain(`- **next**: sage-console show ${run.id} (the whole error and log) · sage-console retry ${run.id}`);
	expect(wecom).not.toContain('\uFFFD');
});

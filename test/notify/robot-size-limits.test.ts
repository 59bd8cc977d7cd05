/**
 * A failure with a long stack or message (a Python traceback quoting a long Chinese record, an error
 * carrying a response body) still reaches the robots: DingTalk refuses a body past 20,000 bytes
 * (errcode 460101, not worth a retry) and WeCom content past 4,096 bytes (errcode 40058); the local
 * robot answers as they do.
 */
import {describe, expect, it} from 'vitest';
import {barsTracebackJob} from '../helpers/bars-traceback-job.js';
import {robotAlertedRuns} from '../helpers/robot-alerted-runs.js';

const dingtalkSecret = 'SECdt-1a2b3c4d5e6f7788';

// 20 lines of a traceback, each quoting 1,500 Chinese characters (4.5 kB), then the exception.
const bars = barsTracebackJob('600519.SH 贵州茅台 日线数据缺失 ', 100);

const jobs = `jobs:
${bars.jobLine}  - {id: fetch, name: 行情接口, trigger: manual, module: jobs/long-error.ts}
`;

const {robots, alertedRun} = robotAlertedRuns({
	dingtalkSecret,
	pushplusToken: 'pp-unused-token',
	jobsYaml: jobs,
	files: {
		...bars.files,
		'jobs/long-error.ts': "export default async function run() { throw new Error('接口返回：' + '成交额字段为空，'.repeat(3000)); }\n",
	},
	channels: base => ({
		dingtalk: {webhook: `${base}/robot/send?access_token=dt-token-99887766`, secret: dingtalkSecret},
		wecom: {webhook: `${base}/cgi-bin/webhook/send?key=wc-key-55443322`},
	}),
	users: [],
});

async function failedAlerts(jobId: string) {
	const {run, rows} = await alertedRun(jobId);
	const ding = (robots().of('/robot/send')[0]!.body.markdown as {text: string}).text;
	const wecom = (robots().of('/cgi-bin/webhook/send')[0]!.body.markdown as {content: string}).content;
	return {run, ding, wecom, rows};
}

/** An even number of ``` lines: no fence left open to swallow what follows. */
const fencesClosed = (markdown: string) => markdown.split('\n').filter(line => line.startsWith('```')).length % 2 === 0;

describe('alerts cut to the robots\' size limits', () => {
	it('a command\'s long Chinese traceback: both robots take it, each keeps the exception, the log path and whole characters', async () => {
		const {run, ding, wecom, rows} = await failedAlerts('bars');
		expect(rows).toEqual(['dingtalk:sent', 'wecom:sent']);
		expect(Buffer.byteLength(wecom)).toBeLessThanOrEqual(4096);
		for (const text of [ding, wecom]) {
			expect(text).toContain('ValueError: 行情数据缺失 600519.SH');
			expect(text).toContain(`- **log**: ${run.logPath}`);
			expect(text).toContain('…');
			expect(text).not.toContain('\uFFFD');
			expect(fencesClosed(text)).toBe(true);
		}
	});

	it('a job error with a very long Chinese message: DingTalk takes it, with the error and the log path', async () => {
		const {run, ding, wecom, rows} = await failedAlerts('fetch');
		expect(rows).toEqual(['dingtalk:sent', 'wecom:sent']);
		expect(ding).toContain('- **error**: Error: 接口返回：成交额字段为空，');
		expect(ding).toContain(`- **log**: ${run.logPath}`);
		for (const text of [ding, wecom]) {
			expect(text).not.toContain('\uFFFD');
			expect(fencesClosed(text)).toBe(true);
		}
	});
});

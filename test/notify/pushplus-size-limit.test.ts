/**
 * PushPlus takes at most 20,000 characters of content and 100 of title from a verified account
 * (its "消息接口限制" page); the local PushPlus answers 999 past them, as a validation error. A failure
 * with a long traceback or error, a job's own long HTML and a long job name still reach the phone,
 * cut as the robots' markdown is: the stack first, the fields (error, log path) whole.
 */
import {describe, expect, it} from 'vitest';
import {barsTracebackJob} from '../helpers/bars-traceback-job.js';
import {robotAlertedRuns} from '../helpers/robot-alerted-runs.js';

const token = 'pp-size-token-0a1b2c';
// A traceback whose last lines (an alert shows 8, each kept to 2,000 characters) quote an HTML-ish
// record, 26,000 characters once escaped, then the exception.
const bars = barsTracebackJob('<tr>600519.SH&贵州茅台</tr> ', 150);

const jobs = `jobs:
${bars.jobLine}  - {id: report, name: 日报, trigger: manual, module: jobs/report.ts}
`;
// A job's own message: a 130-character title, a 60,000-character table.
const report = `export default async function run(ctx: any) {
	ctx.notify('自选股日报：' + '600519.SH 贵州茅台 '.repeat(8), '<table>' + '<tr><td>600519.SH</td><td>贵州茅台 &amp; 收盘 1688.00</td></tr>'.repeat(1000) + '</table>');
	return 1;
}
`;

const {robots, alertedRun} = robotAlertedRuns({
	dingtalkSecret: 'SEC-unused',
	pushplusToken: token,
	jobsYaml: jobs,
	files: {...bars.files, 'jobs/report.ts': report},
	channels: base => ({pushplus: {url: `${base}/send`}}),
	users: [{name: 'ops', pushplus_token: token, notify_job_failures: true}],
});

async function pushesOf(jobId: string) {
	const {run, rows} = await alertedRun(jobId);
	const pushes = robots().of('/send').map(entry => entry.body as {title: string; content: string});
	return {run, pushes, rows};
}

describe('PushPlus messages cut to its limits', () => {
	it('a command\'s long Chinese traceback: the alert is taken, keeps the exception, the log path and whole entities', async () => {
		const {run, pushes, rows} = await pushesOf('bars');
		expect(run.status).toBe('failed');
		expect(rows).toEqual(['pushplus:sent']);
		const content = pushes[0]!.content;
		expect(content.length).toBeLessThanOrEqual(20_000);
		// As much of the stack as fits: cut to the limit, not far below it.
		expect(content.length).toBeGreaterThan(19_900);
		expect(content).toContain('ValueError: 行情数据缺失 600519.SH');
		expect(content).toContain(`<td>${run.logPath}</td>`);
		expect(content).toMatch(/<pre>…/);
		expect(content.endsWith('</pre>')).toBe(true);
		// Cut on an entity's edge, never inside one.
		expect(content).not.toMatch(/&(?!amp;|lt;|gt;|quot;)/);
	});

	it('a job\'s own long HTML with a long title: taken, the title within 100 characters, the HTML cut between tags', async () => {
		const {run, pushes, rows} = await pushesOf('report');
		expect(run.status).toBe('success');
		expect(rows).toEqual(['pushplus:sent']);
		const {title, content} = pushes[0]!;
		expect(title.length).toBeLessThanOrEqual(100);
		expect(title).toMatch(/^自选股日报：600519\.SH 贵州茅台 .*…$/);
		expect(content.length).toBeLessThanOrEqual(20_000);
		expect(content).toMatch(/^<table><tr><td>600519\.SH<\/td>/);
		expect(content).toMatch(/>[^<>]*…$/);
		expect(content).not.toMatch(/&(?!amp;)/);
	});
});

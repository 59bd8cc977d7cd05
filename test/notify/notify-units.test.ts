import {describe, expect, it} from 'vitest';
import {parseJobsConfig} from '../../src/config/load-jobs-config.js';
import {decideAlert} from '../../src/notify/alert-policy.js';
import {wecomMaxBytes} from '../../src/notify/channels/wecom.js';
import {fitMarkdown} from '../../src/notify/markdown-fit.js';
import {RateLimiter, channelRateLimit} from '../../src/notify/rate-limiter.js';
import type {RunRecord} from '../../src/core/run-record.js';
import {scrubText} from '../../src/log/redact.js';

describe('WeCom content limit', () => {
	it('cuts at 4096 bytes without splitting a character', () => {
		const overBy = (text: string) => Buffer.byteLength(text) - wecomMaxBytes;
		const cut = fitMarkdown({markdown: '行情'.repeat(1000)}, overBy);
		expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(4096);
		expect(cut.endsWith('\n…')).toBe(true);
		expect(cut).not.toContain('\uFFFD');
		expect(fitMarkdown({markdown: 'short'}, overBy)).toBe('short');
	});
});

describe('rate limits', () => {
	it('lets 5 PushPlus and 20 robot messages through per minute, then makes the next wait', () => {
		const limiter = new RateLimiter(channelRateLimit);
		for (let i = 0; i < 5; i++) {
			expect(limiter.delayFor('pushplus:ops', 1000 + i)).toBe(0);
			limiter.record('pushplus:ops', 1000 + i);
		}

		expect(limiter.delayFor('pushplus:ops', 2000)).toBe(59_000);
		expect(limiter.delayFor('pushplus:ops', 61_000)).toBe(0);
		for (let i = 0; i < 20; i++) {
			limiter.record('dingtalk:robot', 0);
		}

		expect(limiter.delayFor('dingtalk:robot', 10_000)).toBe(50_000);
		expect(limiter.delayFor('wecom:other', 10_000)).toBe(0);
	});
});

describe('alert policy', () => {
	const job = parseJobsConfig('jobs:\n  - {id: quotes, cron: "*/5 * * * *", command: ["true"], retries: 1}\n', 'x', '/').jobs[0]!;
	const run = (status: RunRecord['status'], attempt = 2): RunRecord => ({id: 1, jobId: 'quotes', trigger: 'schedule', status, scheduledAt: 0, finishedAt: 1000, attempt});

	it('a 5-minute job failing all afternoon sends one alert and one "recovered"', () => {
		let state;
		const sent: string[] = [];
		for (let i = 0; i < 40; i++) {
			const decision = decideAlert(job, run('failed'), state, false);
			state = decision?.state ?? state;
			if (decision?.send) {
				sent.push(decision.send);
			}
		}

		const recovered = decideAlert(job, run('success'), state, false);
		expect(sent).toEqual(['failure']);
		expect(recovered?.send).toBe('recovery');
		expect(state).toMatchObject({failing: true, failures: 40});
	});

	it('waits for the last attempt (a retry, a run handed to another worker) before calling it a failure', () => {
		expect(decideAlert(job, run('failed', 1), undefined, true)).toBeUndefined();
		expect(decideAlert(job, run('interrupted', 1), undefined, true)).toBeUndefined();
		expect(decideAlert(job, run('failed', 2), undefined, false)?.send).toBe('failure');
	});
});

describe('secret scrubbing', () => {
	it('removes tokens from URLs and known secrets from text', () => {
		expect(scrubText('POST https://oapi.dingtalk.com/robot/send?access_token=abc123def456&timestamp=1 failed')).toBe('POST https://oapi.dingtalk.com/robot/send?access_token=[redacted]&timestamp=1 failed');
		expect(scrubText('smtp://ops:hunter22@mail.box.local:587 refused')).toBe('smtp://ops:[redacted]@mail.box.local:587 refused');
		expect(scrubText('token pp-token-5a1b2c3d is invalid', ['pp-token-5a1b2c3d'])).toBe('token [redacted] is invalid');
	});
});

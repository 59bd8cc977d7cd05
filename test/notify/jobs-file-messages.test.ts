/** The alert of a refused jobs.yaml as a phone shows it: where and what, ten problems at most, the rest counted. */
import {describe, expect, it} from 'vitest';
import {jobsFileRefusedMessage} from '../../src/notify/jobs-file-messages.js';

const problem = (line: number) => ({file: 'config/jobs.yaml', line, col: 9, message: `bad cron "61 * * * *" (job j${line})`});

describe('the alert of a refused jobs.yaml', () => {
	it('lists every problem at its FILE:LINE:COL, ten at most, and counts the rest', () => {
		const message = jobsFileRefusedMessage({file: 'config/jobs.yaml', root: '/srv/sage', problems: Array.from({length: 12}, (_, index) => problem(index + 3)), inUse: 'the jobs loaded before keep running', at: Date.UTC(2026, 11, 7, 1, 2, 3)}, 'Asia/Shanghai');
		expect(message.kind).toBe('alert');
		expect(message.text).toContain('config/jobs.yaml:3:9: bad cron "61 * * * *" (job j3)');
		expect(message.text).toContain('config/jobs.yaml:12:9: ');
		expect(message.text).not.toContain('config/jobs.yaml:13:9: ');
		expect(message.text).toContain('… and 2 more (sage-console validate lists them all)');
		expect(message.text).toContain('problems: 12');
		expect(message.text).toContain('noticed: 2026-12-07 09:02:03');
		// The stack's place in the robots' markdown: cut first when a robot's size limit is reached.
		expect(message.markdownParts?.pre.split('\n')).toHaveLength(11);
	});
});

/**
 * `list --from DAY` starts at the beginning of that day on the exchange clock (Asia/Shanghai), as
 * `history --since DAY` does and as every time list prints is, whatever the machine's zone: a 07:00
 * job fires on that day. (JavaScript alone reads a bare day as midnight UTC, 08:00 in Shanghai.)
 */
import {describe, expect, it, onTestFinished} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

describe('list --from a bare day', () => {
	it('starts at 00:00 Shanghai on that day, on a machine kept in UTC too', () => {
		const root = makeTempRoot({'config/jobs.yaml': 'timezone: Asia/Shanghai\njobs:\n  - {id: early, cron: "0 7 * * *", command: ["true"]}\n'});
		onTestFinished(() => {
			root.remove();
		});
		for (const zone of ['UTC', 'Asia/Shanghai', 'America/New_York']) {
			const list = runCli(['list', '--json', '--count', '2', '--from', '2026-12-07'], {cwd: root.dir, env: {TZ: zone}});
			expect(list.code, zone).toBe(0);
			expect((JSON.parse(list.stdout) as Array<{next: string[]}>)[0]!.next, zone).toEqual(['2026-12-07T07:00:00+08:00', '2026-12-08T07:00:00+08:00']);
		}

		// A date-time with its offset is that instant, as before; a day that does not exist is refused.
		expect((JSON.parse(runCli(['list', '--json', '--count', '1', '--from', '2026-12-07T07:00:01+08:00'], {cwd: root.dir}).stdout) as Array<{next: string[]}>)[0]!.next).toEqual(['2026-12-08T07:00:00+08:00']);
		expect(runCli(['list', '--from', '2026-02-30'], {cwd: root.dir})).toMatchObject({code: 2, stderr: 'sage-console: --from 2026-02-30 is not a date: February 2026 has 28 days\n'});
	});
});

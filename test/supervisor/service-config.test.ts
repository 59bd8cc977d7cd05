import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {parseJobsConfig} from '../../src/config/load-jobs-config.js';
import {configProblemsOf} from '../helpers/config-problems.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';

let root: TempRoot;
beforeEach(() => {
	root = makeTempRoot({'jobs/a.ts': 'export default () => 1;\n', 'services/collector.ts': 'setInterval(() => {}, 1000);\n'});
});
afterEach(() => root.remove());

function problemsOf(yaml: string): string[] {
	return configProblemsOf(yaml, root.dir);
}

describe('services: in jobs.yaml', () => {
	it('loads the worked example with every option, and the defaults', () => {
		const config = parseJobsConfig(`services:
  - id: quote_collector
    name: 行情采集
    command: ["python3", "scripts/collect_quotes.py", "--feed", "level1"]
    env: {FEED_URL: "wss://quotes.example/level1", RETRIES: 3}
    window: trading-session
    lead: 5m
    lag: 5m
    restart: always
    restart_delay: 2s
    restart_delay_max: 2m
    start_limit: 10
    start_limit_interval: 15m
    min_uptime: 1m
    ready_pattern: "subscribed \\\\d+ symbols"
    ready_timeout: 90s
    up_grace: 3m
    stop_signal: INT
    stop_timeout: 20s
    max_memory: 1gb
    log_max_size: 50mb
    log_keep: 3
    notify: {channels: [dingtalk]}
  - id: gateway
    module: services/collector.ts
    window: "08:30-11:40,12:50-15:30"
    calendar: trading-days
    ready_after: 3s
  - {id: plain, command: ["sleep", "1000"]}
`, 'config/jobs.yaml', root.dir);
		expect(config.jobs).toEqual([]);
		expect(config.services).toMatchObject([
			{
				id: 'quote_collector', name: '行情采集',
				target: {kind: 'command', argv: ['python3', 'scripts/collect_quotes.py', '--feed', 'level1'], shell: false, cwd: root.dir, env: {FEED_URL: 'wss://quotes.example/level1', RETRIES: '3'}},
				window: {kind: 'daily', ranges: [{startMs: ((9 * 60) + 10) * 60_000, endMs: ((15 * 60) + 5) * 60_000}], timezone: 'Asia/Shanghai', tradingDaysOnly: true},
				restart: 'always', restartDelayMs: 2000, restartDelayMaxMs: 120_000, startLimit: 10, startLimitIntervalMs: 900_000, minUptimeMs: 60_000,
				readiness: {kind: 'pattern', pattern: 'subscribed \\d+ symbols', timeoutMs: 90_000}, upGraceMs: 180_000,
				stopSignal: 'SIGINT', stopTimeoutMs: 20_000, maxMemoryMb: 1024, logMaxBytes: 50 * 1_048_576, logKeep: 3, enabled: true, notify: {channels: ['dingtalk']},
			},
			{id: 'gateway', target: {kind: 'module', path: `${root.dir}/services/collector.ts`}, window: {kind: 'daily', ranges: [{startMs: 510 * 60_000, endMs: 700 * 60_000}, {startMs: 770 * 60_000, endMs: 930 * 60_000}], tradingDaysOnly: true}, readiness: {kind: 'after', afterMs: 3000}},
			{
				id: 'plain', name: 'plain', window: {kind: 'always'}, restart: 'on-failure', restartDelayMs: 1000, restartDelayMaxMs: 60_000, startLimit: 5,
				startLimitIntervalMs: 600_000, minUptimeMs: 30_000, readiness: {kind: 'immediate'}, upGraceMs: 120_000, stopSignal: 'SIGTERM', stopTimeoutMs: 10_000,
				logMaxBytes: 10 * 1_048_576, logKeep: 5, enabled: true,
			},
		]);
		expect(config.services![2]!.maxMemoryMb).toBeUndefined();
		expect(parseJobsConfig('jobs:\n  - {id: a, trigger: manual, module: jobs/a.ts}\n', 'config/jobs.yaml', root.dir).services).toBeUndefined();
	});

	it('reports every problem with FILE:LINE:COL, all at once', () => {
		expect(problemsOf(`jobs:
  - {id: fetch, trigger: manual, module: jobs/a.ts}
services:
  - id: fetch
    command: ["true"]
  - id: Bad Id
    command: "python3 x.py"
  - id: twice
    command: ["true"]
    window: always
    lead: 5m
    calendar: trading-days
  - id: twice
    module: services/missing.ts
    window: "15:00-09:00"
  - id: ready
    command: ["true"]
    ready_pattern: "([unclosed"
    ready_after: 2s
    stop_signal: SIGSTOP
    restart: on-crash
    restart_delay: soon
    max_memory: lots
    stop_timout: 5s
  - id: early
    command: ["true"]
    window: trading-session
    lead: 10h
  - {id: nothing}
  - {id: typo, command: ["true"], window: tradingsession}
`)).toEqual([
			'config/jobs.yaml:4:9: "fetch" is already a job\'s id: a service\'s runs share the history with jobs, so its id must differ',
			'config/jobs.yaml:6:9: id "Bad Id" may use only a-z, 0-9, _ and -',
			'config/jobs.yaml:7:14: command must be a list such as ["python3", "collect.py"]; a string needs shell: true',
			'config/jobs.yaml:11:5: lead applies to window: trading-session only',
			'config/jobs.yaml:12:5: calendar needs a window with times (trading-session, or times such as "08:00-20:00")',
			'config/jobs.yaml:13:9: duplicate service id "twice" (first defined at line 8)',
			'config/jobs.yaml:14:13: module file not found: services/missing.ts',
			'config/jobs.yaml:15:13: window "15:00-09:00" crosses midnight, and a range never does: give each day\'s part, "15:00-24:00,00:00-09:00"',
			'config/jobs.yaml:18:20: ready_pattern is not a regular expression: Invalid regular expression: /([unclosed/: Unterminated character class',
			'config/jobs.yaml:19:5: give ready_pattern or ready_after, not both',
			'config/jobs.yaml:20:18: stop_signal must be one of SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGKILL (or without SIG), not "SIGSTOP"',
			'config/jobs.yaml:21:14: restart must be one of on-failure, always, never, not "on-crash"',
			expect.stringMatching(/^config\/jobs\.yaml:22:20: restart_delay "soon" is not a duration \(use /) as string,
			'config/jobs.yaml:23:17: max_memory "lots" is not a size (use 512mb, 2gb)',
			'config/jobs.yaml:24:5: unknown key "stop_timout" in a service (did you mean "stop_timeout"?)',
			'config/jobs.yaml:28:11: lead and lag must keep the window inside the day (a window never crosses midnight)',
			'config/jobs.yaml:29:5: a service needs a command (a list such as ["python3", "collect.py"]) or a module (a script run by Node)',
			'config/jobs.yaml:30:43: window must be always, trading-session, or times such as "08:00-20:00", not "tradingsession" (did you mean "trading-session"?)',
		]);
	});
});

import {describe, expect, it} from 'vitest';
import {parseJobsConfig} from '../../src/config/load-jobs-config.js';
import {oneModuleRootEach} from '../helpers/one-module-root-each.js';

const {dir, problemsOf} = oneModuleRootEach();

describe('jobs.yaml loading', () => {
	it('loads the product example with both schedule styles and every field typed', () => {
		const config = parseJobsConfig(`
timezone: Asia/Shanghai
max_parallel: 3
jobs:
  - id: fetch_daily_data
    name: 每日行情同步
    cron: "30 16 * * 1-5"
    calendar: trading-days
    module: jobs/a.ts
    params: { symbols: ["600519.SH", "000001.SZ"] }
    timeout: 20m
    retries: 2
    retry_backoff: 30s
    queue: data
    concurrency: queue
    catch_up: once
    misfire_grace: 1h
    priority: high
    max_memory: 512mb
  - id: weekly_report
    trigger: cron
    day_of_week: mon
    hour: 9
    minute: 0
    module: jobs/a.ts
  - id: check_anomalies
    trigger: interval
    hours: 4
    command: ["python3", "scripts/check_anomalies.py", "--date", "{date}"]
`, 'config/jobs.yaml', dir());
		expect(config.maxParallel).toBe(3);
		const [fetch, weekly, check] = config.jobs;
		expect(fetch).toMatchObject({
			id: 'fetch_daily_data', name: '每日行情同步', timeoutMs: 1_200_000, retries: 2, retryBackoffMs: 30_000,
			queue: 'data', concurrency: 'queue', catchUp: 'once', misfireGraceMs: 3_600_000, priority: 'high', maxMemoryMb: 512,
			calendar: 'trading-days', params: {symbols: ['600519.SH', '000001.SZ']},
		});
		expect(fetch!.trigger).toMatchObject({kind: 'cron', pattern: '30 16 * * 1-5', andDays: false});
		expect(weekly!.trigger).toMatchObject({kind: 'cron', pattern: '0 0 9 * * 1 *', andDays: true});
		expect(weekly).toMatchObject({concurrency: 'skip', catchUp: 'skip', priority: 'medium', enabled: true, retries: 0});
		expect(check!.trigger).toEqual({kind: 'interval', everyMs: 4 * 3_600_000});
		expect(check!.target).toMatchObject({kind: 'command', argv: ['python3', 'scripts/check_anomalies.py', '--date', '{date}'], shell: false});
	});

	it('reports every problem at once, each with FILE:LINE:COL, and loads nothing', () => {
		const problems = problemsOf(`jobs:
  - id: good
    cron: "* * * * *"
    module: jobs/a.ts
  - id: bad_cron
    cron: "61 * * * *"
    module: jobs/a.ts
  - id: typo
    cron: "* * * * *"
    timout: 5m
    module: jobs/a.ts
  - id: zone
    cron: "* * * * *"
    timezone: Mars/Olympus
    module: jobs/a.ts
  - id: good
    cron: "* * * * *"
    module: jobs/a.ts
  - id: missing
    cron: "* * * * *"
    module: jobs/nope.ts
  - id: both
    cron: "* * * * *"
    module: jobs/a.ts
    command: ["true"]
  - id: neither
    cron: "* * * * *"
  - id: slow
    cron: "* * * * *"
    module: jobs/a.ts
    timeout: forever
`);
		expect(problems).toEqual([
			'config/jobs.yaml:6:11: bad cron "61 * * * *": Invalid value for minute: 61',
			'config/jobs.yaml:10:5: unknown key "timout" in a job (did you mean "timeout"?)',
			'config/jobs.yaml:14:15: unknown time zone "Mars/Olympus" (use an IANA name such as Asia/Shanghai)',
			'config/jobs.yaml:16:9: duplicate job id "good" (first defined at line 2)',
			'config/jobs.yaml:21:13: module file not found: jobs/nope.ts',
			'config/jobs.yaml:22:5: give either module or command, not both',
			'config/jobs.yaml:26:5: job needs a module (jobs/x.ts) or a command',
			'config/jobs.yaml:31:14: timeout "forever" is not a duration (use 500ms, 30s, 20m, 1h30m, 2d)',
		]);
	});

	it('rejects a cron with the wrong number of fields', () => {
		expect(problemsOf('jobs:\n  - id: a\n    cron: "* * *"\n    module: jobs/a.ts\n')).toEqual([
			'config/jobs.yaml:3:11: cron "* * *" has 3 fields; give 5 (minute hour day month weekday) or 6 (seconds first)',
		]);
	});

	it('positions YAML syntax errors', () => {
		expect(problemsOf('jobs:\n  - id: a\n    cron: "* * * * *\n')).toEqual(['config/jobs.yaml:3:11: Missing closing "quote: the quote opened here is never closed']);
		expect(problemsOf("jobs:\n  - id: a\n    module: x\n     bad: [\n")[0]).toBe("config/jobs.yaml:3:13: Nested mappings are not allowed in compact mappings");
	});

	it('checks APScheduler fields and interval/date triggers', () => {
		expect(problemsOf(`jobs:
  - id: a
    trigger: cron
    day_of_week: funday
    module: jobs/a.ts
  - id: b
    trigger: interval
    module: jobs/a.ts
  - id: c
    trigger: date
    run_date: tomorrow
    module: jobs/a.ts
  - id: d
    trigger: cron
    hours: 3
    module: jobs/a.ts
  - id: e
    trigger: cronn
    module: jobs/a.ts
`)).toEqual([
			'config/jobs.yaml:4:18: "funday" is not a weekday name (mon, tue, wed, thu, fri, sat, sun)',
			'config/jobs.yaml:7:5: an interval trigger needs weeks, days, hours, minutes or seconds adding up to at least 1 second',
			'config/jobs.yaml:11:15: run_date "tomorrow" is not a date-time (use 2026-01-05T09:00:00, or with an offset: 2026-01-05T09:00:00+08:00)',
			'config/jobs.yaml:15:5: hours does not belong to trigger: cron',
			'config/jobs.yaml:18:14: trigger must be one of cron, interval, date, manual, not "cronn" (did you mean "cron"?)',
		]);
	});

	it('finds unknown and cyclic `after` references', () => {
		expect(problemsOf(`jobs:
  - id: a
    after: [b]
    module: jobs/a.ts
  - id: b
    after: [a]
    module: jobs/a.ts
  - id: c
    after: [ghost]
    module: jobs/a.ts
  - id: d
    after: [sync_bars]
    module: jobs/a.ts
`)).toEqual([
			'config/jobs.yaml:3:12: after forms a cycle: a → b → a',
			'config/jobs.yaml:9:12: after names unknown job "ghost"',
			'config/jobs.yaml:12:12: after names unknown job "sync_bars"',
		]);
	});

	it('says of an `after` parent refused for its own problem that it was not loaded, and suggests a near id', () => {
		expect(problemsOf(`jobs:
  - id: sync_bars
    cron: "30 16 * * * * *"
    module: jobs/a.ts
  - id: indicators
    after: [sync_bars]
    module: jobs/a.ts
  - id: report
    after: [indicator]
    module: jobs/a.ts
`)).toEqual([
			'config/jobs.yaml:3:11: cron "30 16 * * * * *" has 7 fields; give 5 (minute hour day month weekday) or 6 (seconds first)',
			'config/jobs.yaml:6:12: after names "sync_bars", which was not loaded: see its own problem at line 2',
			'config/jobs.yaml:9:12: after names unknown job "indicator" (did you mean "indicators"?)',
		]);
	});

	it('rejects unknown top-level keys and bad enum values with suggestions', () => {
		expect(problemsOf(`max_paralel: 2
jobs:
  - id: a
    cron: "* * * * *"
    module: jobs/a.ts
    concurrency: skp
    id_extra: 1
`)).toEqual([
			'config/jobs.yaml:1:1: unknown key "max_paralel" in the top level (did you mean "max_parallel"?)',
			'config/jobs.yaml:6:18: concurrency must be one of skip, queue, replace, allow, not "skp" (did you mean "skip"?)',
			'config/jobs.yaml:7:5: unknown key "id_extra" in a job',
		]);
	});

	it('takes the API\'s health_timeout as a duration of 2 s or more, 15 s when left out', () => {
		const job = 'jobs:\n  - {id: a, cron: "* * * * *", module: jobs/a.ts}\n';
		expect(parseJobsConfig(`http: {listen: "127.0.0.1:0"}\n${job}`, 'config/jobs.yaml', dir()).http?.healthTimeoutMs).toBe(15_000);
		expect(parseJobsConfig(`http: {listen: "127.0.0.1:0", health_timeout: 1m}\n${job}`, 'config/jobs.yaml', dir()).http?.healthTimeoutMs).toBe(60_000);
		expect(problemsOf(`http:\n  health_timeout: 1s\n${job}`)).toEqual(['config/jobs.yaml:2:19: health_timeout "1s" must be at least 2s (the scheduler is asked every few seconds)']);
		expect(problemsOf(`http:\n  health_timeout: soon\n${job}`)).toEqual(['config/jobs.yaml:2:19: health_timeout "soon" is not a duration (use 500ms, 30s, 20m, 1h30m, 2d)']);
	});

	it('needs a string command unless shell: true', () => {
		expect(problemsOf('jobs:\n  - id: a\n    cron: "* * * * *"\n    command: "echo hi"\n')).toEqual([
			'config/jobs.yaml:4:14: command must be a list such as ["python3", "x.py"]; a string needs shell: true',
		]);
		const config = parseJobsConfig('jobs:\n  - id: a\n    cron: "* * * * *"\n    command: "echo hi | wc -c"\n    shell: true\n', 'x.yaml', dir());
		expect(config.jobs[0]!.target).toMatchObject({kind: 'command', argv: ['echo hi | wc -c'], shell: true});
	});
});

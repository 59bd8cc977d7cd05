/**
 * A param a command job does not name in its argv (`{params.NAME}`) reaches the command nowhere: `run
 * JOB --param date=…` on such a job ran with today's date while the log header listed the param as if
 * applied. The run's log (and so `run`'s output and the console's tail) says so; a named one is quiet.
 * So does a `{params.NAME}` the run has no param for, which the command gets as written.
 */
import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

describe('a param a command job does not use', () => {
	it('is said in the run\'s log, naming it; a param the argv names is not', () => {
		const root = makeTempRoot({'config/jobs.yaml': `jobs:
  - id: check_anomalies
    trigger: manual
    command: ["sh", "-c", "echo checked $0", "{params.symbol}"]
    params: {symbol: 600519.SH}
`});
		const run = runCli(['run', 'check_anomalies', '--param', 'date=2026-12-01', '--param', 'symbol=000001.SZ', '--root', root.dir]);
		expect(run.code, run.stderr).toBe(0);
		const lines = run.stdout.split('\n').map(line => line.replace(/^\d\d:\d\d:\d\d +/, ''));
		expect(lines).toContain('WARN  the command does not use param date: a command gets a param only where its argv says {params.date}');
		expect(lines).toContain('INFO  checked 000001.SZ  stream=stdout');
		const quiet = runCli(['run', 'check_anomalies', '--root', root.dir]);
		expect(quiet.stdout).not.toContain('does not use');
		root.remove();
	});

	it('named in the argv with no such param is said too: the command gets it as written', () => {
		const root = makeTempRoot({'config/jobs.yaml': `jobs:
  - id: fetch_bars
    trigger: manual
    command: ["sh", "-c", "echo fetching $0", "{params.symbol}"]
`});
		const run = runCli(['run', 'fetch_bars', '--root', root.dir]);
		expect(run.code, run.stderr).toBe(0);
		const lines = run.stdout.split('\n').map(line => line.replace(/^\d\d:\d\d:\d\d +/, ''));
		expect(lines).toContain('WARN  the command names {params.symbol} but the run has no such param: passed as written (give it in jobs.yaml\'s params or with run --param symbol=…)');
		expect(lines).toContain('INFO  fetching {params.symbol}  stream=stdout');
		root.remove();
	});
});

import {describe, expect, it} from 'vitest';
import {ConfigError} from '../../src/config/config-problem.js';
import {readJobsConfig} from '../../src/config/load-jobs-config.js';
import {makeTempRoot} from '../helpers/temp-root.js';

function load(yaml: string) {
	const root = makeTempRoot({'jobs/x.ts': 'export default () => 1;\n'});
	try {
		return readJobsConfig(yaml, 'config/jobs.yaml', root.dir).config;
	} finally {
		root.remove();
	}
}

function problems(yaml: string): string[] {
	try {
		load(yaml);
	} catch (error) {
		if (error instanceof ConfigError) {
			return error.problems.map(problem => `${problem.line}:${problem.col}: ${problem.message}`);
		}

		throw error;
	}

	throw new Error('the config loaded');
}

describe('config edge cases', () => {
	it('expands YAML aliases and merge keys (<<), nested ones too, and lets x- keys hold shared blocks', () => {
		const config = load(`x-retry: &retry {retries: 2, retry_backoff: 1m}
x-symbols: &symbols [600519.SH, 000001.SZ]
jobs:
  - id: a
    cron: "0 1 * * *"
    module: jobs/x.ts
    params: &p {symbols: *symbols, depth: {days: 5}}
    <<: *retry
  - id: b
    cron: "0 2 * * *"
    module: jobs/x.ts
    params: *p
`);
		expect(config.jobs.map(job => job.params)).toEqual([
			{symbols: ['600519.SH', '000001.SZ'], depth: {days: 5}},
			{symbols: ['600519.SH', '000001.SZ'], depth: {days: 5}},
		]);
		expect(config.jobs.map(job => [job.retries, job.retryBackoffMs])).toEqual([[2, 60_000], [0, 30_000]]);
	});

	it('refuses an alias bomb with its position instead of unfolding it', () => {
		const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
		for (const [name, inner] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e']]) {
			levels.push(`${name}: &${name} [${Array.from({length: 10}, () => `*${inner}`).join(',')}]`);
		}

		expect(problems(`${levels.join('\n')}\njobs: []\n`).join('\n')).toMatch(/^\d+:\d+: aliases here unfold into more than 100000 values/m);
	});

	it('refuses a module outside the project root, naming it', () => {
		expect(problems('jobs:\n  - {id: a, cron: "0 1 * * *", module: ../../etc/passwd.ts}\n')).toEqual([
			expect.stringMatching(/^2:\d+: module \.\.\/\.\.\/etc\/passwd\.ts is outside the project root .*: job modules live under it/),
		]);
	});

	it('takes long durations (chained timers) and refuses ones past a year, and a shutdown grace past a day', () => {
		expect(load('jobs:\n  - {id: a, cron: "0 1 * * *", module: jobs/x.ts, timeout: 25d}\n').jobs[0]!.timeoutMs).toBe(25 * 86_400_000);
		expect(problems('jobs:\n  - {id: a, cron: "0 1 * * *", module: jobs/x.ts, timeout: 400d}\n')).toEqual(['2:60: timeout "400d" is longer than 366d: too long to be meant']);
		expect(problems('shutdown_grace: 30d\njobs: []\n')).toEqual(['1:17: shutdown_grace "30d" is longer than 24h00m: too long to be meant']);
	});

	it('points a syntax error at the mistake: the opening of an unclosed quote, the misindented key; a duplicate key is named', () => {
		const job = '  - id: a\n    module: jobs/x.ts\n';
		// The quote swallows the rest of the file; the parser notices past the last line.
		expect(problems(`jobs:\n${job}    cron: "*/10 * * * * *\n`)).toEqual(['4:11: Missing closing "quote: the quote opened here is never closed']);
		expect(problems(`jobs:\n${job}    cron: "*/10 * * * * *\n  - id: b\n    module: jobs/x.ts\n`)).toEqual(['4:11: Missing closing "quote: the quote opened here is never closed']);
		expect(problems(`jobs:\n${job}    cron: "*/10 * * * * *"\n    cron: "*/5 * * * * *"\n`)).toEqual(['5:5: duplicate key "cron"']);
		expect(problems('jobs:\n  - id: a\n    command: ["true"]\n       timeout: 5\n    cron: "0 1 * * *"\n')).toEqual(['4:8: All mapping items must start at the same column']);
	});

	it('says a zero duration must be above 0 (a bare number is seconds, so 0 is a duration, just not a usable one)', () => {
		expect(problems('jobs:\n  - {id: a, cron: "0 1 * * *", module: jobs/x.ts, timeout: 0}\n')).toEqual(['2:60: timeout must be above 0, not "0" (a bare number is seconds: 30 is 30s)']);
		expect(problems('jobs:\n  - {id: a, cron: "0 1 * * *", module: jobs/x.ts, timeout: nope}\n')).toEqual(['2:60: timeout "nope" is not a duration (use 500ms, 30s, 20m, 1h30m, 2d)']);
	});
});

import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {ConfigError} from '../../src/config/config-problem.js';
import {parseJobsConfig} from '../../src/config/load-jobs-config.js';

/** Either a config or positioned problems: never another exception. */
function loadOutcome(text: string): 'config' | 'problems' {
	try {
		parseJobsConfig(text, 'jobs.yaml', '/');
		return 'config';
	} catch (error) {
		if (!(error instanceof ConfigError)) {
			throw error;
		}

		expect(error.problems.length).toBeGreaterThan(0);
		for (const problem of error.problems) {
			expect(problem.file).toBe('jobs.yaml');
			expect(problem.line).toBeGreaterThanOrEqual(1);
			expect(problem.col).toBeGreaterThanOrEqual(1);
			expect(problem.message.length).toBeGreaterThan(0);
		}

		return 'problems';
	}
}

const valid = `timezone: Asia/Shanghai
max_parallel: 4
jobs:
  - id: a
    cron: "30 16 * * 1-5"
    calendar: trading-days
    command: ["true"]
    timeout: 20m
    retries: 2
  - id: b
    trigger: cron
    day_of_week: mon-fri
    hour: 9
    command: ["true"]
  - id: c
    trigger: interval
    minutes: 5
    window: trading-hours
    command: ["true"]
    after: [a]
`;

const cronField = fc.oneof(
	fc.constantFrom('*', '?', 'L', 'W', '#', '/', '-', ',', 'MON', 'jan', '5#2', 'L-2', '15W', '*/0', '99', '-1', '1-', '1--2', '0/'),
	fc.integer({min: -5, max: 100}).map(String),
	fc.string({maxLength: 4}),
);

describe('the config loader under random input (fast-check)', () => {
	it('never crashes on arbitrary text', () => {
		fc.assert(fc.property(fc.string({maxLength: 400}), text => {
			loadOutcome(text);
		}), {numRuns: 400});
	});

	it('never crashes on a valid file with characters inserted, deleted or replaced', () => {
		fc.assert(fc.property(
			fc.array(fc.tuple(fc.nat(valid.length), fc.nat(3), fc.string({maxLength: 3})), {minLength: 1, maxLength: 4}),
			edits => {
				let text = valid;
				for (const [at, remove, insert] of edits) {
					text = text.slice(0, at) + insert + text.slice(at + remove);
				}

				loadOutcome(text);
			},
		), {numRuns: 400});
	});

	it('never crashes on random cron expressions and APScheduler fields', () => {
		fc.assert(fc.property(fc.array(cronField, {minLength: 1, maxLength: 8}), fields => {
			loadOutcome(`jobs:\n  - id: x\n    cron: ${JSON.stringify(fields.join(' '))}\n    command: ["true"]\n`);
		}), {numRuns: 500});
		fc.assert(fc.property(cronField, cronField, cronField, (day, dow, hour) => {
			loadOutcome(`jobs:\n  - id: x\n    trigger: cron\n    day: ${JSON.stringify(day)}\n    day_of_week: ${JSON.stringify(dow)}\n    hour: ${JSON.stringify(hour)}\n    command: ["true"]\n`);
		}), {numRuns: 500});
	});

	it('loads the unmutated file', () => {
		expect(loadOutcome(valid)).toBe('config');
	});
});

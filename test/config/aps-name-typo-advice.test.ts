/**
 * A weekday or month name followed by what APScheduler 3 ignores is refused, and the advice is one the
 * operator can write: numbers for a step (`mon-fri/2` → `0-4/2`), names joined by "-" for a range typed
 * with spaces or an en dash. It used to put the ignored text after numbers for every case: "write
 * \"0 - fri\"", "write \"1 -mar\"", each refused again when written. The built CLI's `validate`.
 */
import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

function validateProblems(fields: string): string[] {
	const root = makeTempRoot({'config/jobs.yaml': `jobs:\n  - id: weekly\n    trigger: cron\n${fields}\n    command: ["true"]\n`});
	try {
		const result = runCli(['validate', '--root', root.dir]);
		expect(result.code).toBe(1);
		return result.stderr.split('\n').filter(line => line.includes('jobs.yaml:')).map(line => line.slice(line.indexOf('jobs.yaml:')));
	} finally {
		root.remove();
	}
}

describe('a name followed by text APScheduler 3 ignores', () => {
	it('a range typed with spaces or an en dash is told to be written as names joined by "-"', () => {
		expect(validateProblems('    day_of_week: "mon - fri"')).toEqual([
			'jobs.yaml:4:18: "mon - fri": APScheduler 3 ignores " - fri" after a weekday name, so it would mean "mon" there; write one name, two joined by "-" with no spaces ("mon-fri"), or a list ("mon,wed,fri")',
		]);
		expect(validateProblems('    day_of_week: "mon–fri"')).toEqual([
			'jobs.yaml:4:18: "mon–fri": APScheduler 3 ignores "–fri" after a weekday name, so it would mean "mon" there; write one name, two joined by "-" with no spaces ("mon-fri"), or a list ("mon,wed,fri")',
		]);
		expect(validateProblems('    month: "jan -mar"')).toEqual([
			'jobs.yaml:4:12: "jan -mar": APScheduler 3 ignores " -mar" after a month name, so it would mean "jan" there; write one name, two joined by "-" with no spaces ("jan-mar"), or a list ("jan,apr,jul")',
		]);
	});

	it('a step after names is still told in numbers', () => {
		expect(validateProblems('    day_of_week: "mon-fri/2"')).toEqual([
			'jobs.yaml:4:18: "mon-fri/2": APScheduler 3 ignores "/2" after a weekday name, so it would mean "mon-fri" there; write "0-4/2" or list the values',
		]);
	});
});

/**
 * A whole number in a job's params past what a double keeps exactly (`order: 12345678901234567891`, a
 * 20-digit order id) is a problem at the number: YAML reads it as 12345678901234567000, which the job
 * got while validate said OK (and export printed). `run --param` and the HTTP API already refuse such a
 * number. A float (`1e20`), a safe whole number and the same digits in quotes load. The built CLI.
 */
import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

function validate(params: string): {code: number | null; problems: string[]} {
	const root = makeTempRoot({'config/jobs.yaml': `jobs:\n  - id: place\n    trigger: manual\n    params:\n${params}    command: ["echo", "{params.order}"]\n`});
	try {
		const result = runCli(['validate', '--root', root.dir]);
		return {code: result.code, problems: result.stderr.split('\n').filter(line => line.includes('jobs.yaml:')).map(line => line.slice(line.indexOf('jobs.yaml:')))};
	} finally {
		root.remove();
	}
}

describe('a whole number past 2^53 in params', () => {
	it('is a problem at the number, in a mapping or a list', () => {
		expect(validate('      order: 12345678901234567891\n      ids: [1, -9007199254740993]\n')).toEqual({
			code: 1,
			problems: [
				'jobs.yaml:5:14: params.order is a whole number beyond ±9007199254740991, which YAML does not keep exactly (it reads as 12345678901234567000): write it as a string, "12345678901234567891"',
				'jobs.yaml:6:16: params.ids[1] is a whole number beyond ±9007199254740991, which YAML does not keep exactly (it reads as -9007199254740992): write it as a string, "-9007199254740993"',
			],
		});
	});

	it('quoted, as a float or within range, loads', () => {
		expect(validate('      order: "12345678901234567891"\n      scale: 1e20\n      max: 9007199254740991\n')).toEqual({code: 0, problems: []});
	});
});

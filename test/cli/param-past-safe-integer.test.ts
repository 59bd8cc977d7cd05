/**
 * `run JOB --param k=N` with a whole number past 2^53 (a 20-digit order id) is refused, saying what the
 * job would get and how to give it as text: read as JSON, `order=12345678901234567891` reached the job as
 * 12345678901234567000, a value nobody typed. Quoted, it reaches the job as typed; a number up to 2^53
 * is taken as before. The built CLI running a real command job in the foreground.
 */
import {expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

it('a whole number past 2^53 is refused naming what the job would get; given as text it arrives as typed', () => {
	const root = makeTempRoot({'config/jobs.yaml': 'jobs:\n  - {id: order, trigger: manual, command: ["sh", "-c", "echo got $0", "{params.order}"]}\n'});
	try {
		const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
		expect(cli('run', 'order', '--param', 'order=12345678901234567891')).toMatchObject({
			code: 2,
			stdout: '',
			stderr: 'sage-console: --param order: a whole number past 9007199254740991 is not kept exactly (the job would get 12345678901234567000); give it as text, in double quotes: --param \'order="12345678901234567891"\'\n',
		});
		expect(cli('run', 'order', '--param', 'order=[1, 12345678901234567891]')).toMatchObject({
			code: 2,
			stderr: 'sage-console: --param order: a whole number past 9007199254740991 is not kept exactly (the job would get 12345678901234567000); give it as text, in double quotes\n',
		});

		const quoted = cli('run', 'order', '--param', 'order="12345678901234567891"');
		expect(quoted.code, quoted.stderr).toBe(0);
		expect(quoted.stdout).toContain('got 12345678901234567891');
		const safe = cli('run', 'order', '--param', 'order=9007199254740991');
		expect(safe.code, safe.stderr).toBe(0);
		expect(safe.stdout).toContain('got 9007199254740991');
	} finally {
		root.remove();
	}
}, 60_000);

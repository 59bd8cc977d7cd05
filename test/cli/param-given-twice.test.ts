/**
 * `run JOB --param days=3 --param days=5` is refused (exit 2) and names the param and both values:
 * the last one won without a word, so a long command line edited in a hurry ran the job on a value
 * the operator did not mean to keep.
 */
import {expect, it} from 'vitest';
import {makeTempRoot} from '../helpers/temp-root.js';
import {runCli} from '../helpers/run-cli.js';

it('a param given twice is refused before anything runs, naming both values', () => {
	const root = makeTempRoot({'config/jobs.yaml': 'jobs:\n  - {id: greet, trigger: manual, command: ["sh", "-c", "echo hello"]}\n'});
	try {
		const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
		const refused = cli('run', 'greet', '--param', 'days=3', '--param', 'name=x', '--param', 'days=5');
		expect(refused).toMatchObject({code: 2, stdout: '', stderr: 'sage-console: --param days is given twice (days=3 and days=5): give each param once\n'});
		expect(cli('history', '--json').stdout).toBe('[]\n');
		// Two different params still run.
		expect(cli('run', 'greet', '--param', 'days=3', '--param', 'name=x')).toMatchObject({code: 0});
	} finally {
		root.remove();
	}
}, 60_000);

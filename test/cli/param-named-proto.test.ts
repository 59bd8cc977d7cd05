/**
 * `run JOB --param __proto__=…` is refused (exit 2), as the API refuses a `__proto__` key: the CLI
 * assigned it to its params object, which set that object's prototype, and the job ran without the
 * param and without a word (history: params null).
 */
import {expect, it} from 'vitest';
import {makeTempRoot} from '../helpers/temp-root.js';
import {runCli} from '../helpers/run-cli.js';

it('a param named __proto__ is refused before anything runs', () => {
	const root = makeTempRoot({'config/jobs.yaml': 'jobs:\n  - {id: greet, trigger: manual, command: ["sh", "-c", "echo hello"]}\n'});
	try {
		const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
		const param = '__proto__={"symbols":["600519.SH"]}';
		const refused = cli('run', 'greet', '--param', param);
		expect(refused).toMatchObject({code: 2, stdout: '', stderr: `sage-console: --param "${param}": a param cannot be named __proto__\n`});
		expect(cli('history', '--json').stdout).toBe('[]\n');
	} finally {
		root.remove();
	}
}, 60_000);

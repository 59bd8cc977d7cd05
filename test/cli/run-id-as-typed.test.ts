/**
 * The RUN_ID of show, logs, cancel and retry is digits, as history lists it: `1e3`, `0x10` and an id past
 * 2^53 are a usage error (exit 2) naming what was typed. Before, `show 1e3` answered `no run 1000`,
 * `logs 0x10` printed run 16's log, and `show 99999999999999999999` said `no run 100000000000000000000`,
 * an id nobody typed, with exit 1 as for a run that is not there.
 */
import {expect, it} from 'vitest';
import {makeTempRoot} from '../helpers/temp-root.js';
import {runCli} from '../helpers/run-cli.js';

it('a run id that is not digits, or past what history can hold, is refused as typed; a real one is shown', () => {
	const root = makeTempRoot({'config/jobs.yaml': 'jobs:\n  - {id: greet, trigger: manual, command: ["sh", "-c", "echo hello"]}\n'});
	try {
		const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
		expect(cli('run', 'greet').code).toBe(0);
		expect(cli('show', '1')).toMatchObject({code: 0, stdout: expect.stringMatching(/^run 1 {2}greet {2}SUCCESS\n/) as string});

		for (const [command, typed] of [['show', '1e0'], ['show', '99999999999999999999'], ['logs', '0x1'], ['cancel', '1e3'], ['retry', ' 1']]) {
			const refused = cli(command!, typed!);
			expect(refused.code, `${command} ${typed}: ${refused.stdout}${refused.stderr}`).toBe(2);
			expect(refused.stderr).toContain(`${command}: ${JSON.stringify(typed)} is not a run id`);
		}
	} finally {
		root.remove();
	}
}, 60_000);

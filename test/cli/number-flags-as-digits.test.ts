/**
 * A number flag's value (`--limit`, `--count`, `--year`) is digits: `history --limit 1e1` listed ten runs
 * and `--limit 0x1` one, as meow reads the value with Number(); they are a usage error (exit 2) naming the
 * flag and what was typed, as a RUN_ID or an API query integer typed so is. The built CLI.
 */
import {expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

it('a number flag given anything but digits is refused, naming it; digits, after the flag or after =, work', () => {
	const root = makeTempRoot({'config/jobs.yaml': 'jobs:\n  - {id: bars, trigger: manual, command: ["true"]}\n'});
	try {
		const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
		for (const [args, flag, value, command] of [
			[['history', '--limit', '1e1'], '--limit', '1e1', 'history'],
			[['history', '--limit=0x1'], '--limit', '0x1', 'history'],
			[['list', '--count', ' 2'], '--count', ' 2', 'list'],
			[['calendar', '--year', '2026.0'], '--year', '2026.0', 'calendar'],
		] as const) {
			const refused = cli(...args);
			expect(refused, args.join(' ')).toMatchObject({code: 2, stdout: '', stderr: `sage-console: ${flag} takes a whole number, not ${JSON.stringify(value)}; see sage-console ${command} --help\n`});
		}

		expect(cli('history', '--limit', '5')).toMatchObject({code: 0, stdout: 'no runs match\n'});
		expect(cli('list', '--count=2', '--json').code).toBe(0);
	} finally {
		root.remove();
	}
}, 60_000);

/**
 * An unknown one-letter flag is not answered with a long flag a letter or two away: `history -n 5` and
 * `status -h` said `did you mean --db?` (every letter is within two edits of `db`). `-h` and `-v`, which
 * other programs take for help and version, are named as such; a long flag's typo keeps its suggestion.
 * The built CLI.
 */
import {expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

it('a one-letter flag gets no --db suggestion; -h and -v are named as --help and --version', () => {
	const root = makeTempRoot({'config/jobs.yaml': 'jobs:\n  - {id: bars, trigger: manual, command: ["true"]}\n'});
	try {
		const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
		const refused = (stderr: string) => ({code: 2, stdout: '', stderr: `sage-console: ${stderr}; see sage-console --help\n`});
		expect(cli('history', '-n', '5')).toMatchObject(refused('unknown flag -n'));
		expect(cli('logs', '1', '-f')).toMatchObject(refused('unknown flag -f'));
		expect(cli('status', '-h')).toMatchObject(refused('unknown flag -h (did you mean --help?)'));
		expect(cli('-v')).toMatchObject(refused('unknown flag -v (did you mean --version?)'));
		expect(cli('history', '--lmit', '5')).toMatchObject(refused('unknown flag --lmit (did you mean --limit?)'));
	} finally {
		root.remove();
	}
}, 60_000);

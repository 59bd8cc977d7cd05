/**
 * An unknown command is answered with the closest command, as an unknown flag is with the closest flag:
 * `sage-console statsu` said `unknown command "statsu"; see sage-console --help` and no more. A word
 * near no command gets no suggestion. The built CLI.
 */
import {expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

it('a mistyped command names the closest one; a word near none does not', () => {
	const root = makeTempRoot({'config/jobs.yaml': 'jobs:\n  - {id: bars, trigger: manual, command: ["true"]}\n'});
	try {
		const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
		const refused = (stderr: string) => ({code: 2, stdout: '', stderr: `sage-console: ${stderr}; see sage-console --help\n`});
		expect(cli('statsu')).toMatchObject(refused('unknown command "statsu" (did you mean status?)'));
		expect(cli('histroy', '--limit', '3')).toMatchObject(refused('unknown command "histroy" (did you mean history?)'));
		expect(cli('Validate')).toMatchObject(refused('unknown command "Validate" (did you mean validate?)'));
		expect(cli('frobnicate')).toMatchObject(refused('unknown command "frobnicate"'));
	} finally {
		root.remove();
	}
}, 60_000);

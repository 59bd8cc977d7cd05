/**
 * `calendar --year Y` outside the years it shows says which those are: `--year 1989` and `--year 9999`
 * said `--year must be a year such as 2026`, though each is one. The built CLI.
 */
import {expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

it('a --year outside 1990 to 2200 is refused naming the range; the bounds themselves are shown', () => {
	const root = makeTempRoot({'config/jobs.yaml': 'jobs:\n  - {id: bars, trigger: manual, command: ["true"]}\n'});
	try {
		const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
		for (const year of ['1989', '9999', '0']) {
			expect(cli('calendar', '--year', year), year).toMatchObject({code: 2, stdout: '', stderr: 'sage-console: --year must be a year from 1990 to 2200, such as 2026\n'});
		}

		for (const year of ['1990', '2200']) {
			const shown = cli('calendar', '--year', year, '--json');
			expect(shown.code, year).toBe(0);
			expect((JSON.parse(shown.stdout) as {year: number}).year).toBe(Number(year));
		}
	} finally {
		root.remove();
	}
}, 60_000);

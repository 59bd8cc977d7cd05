/**
 * `export --jobs` given no id (`--jobs "$IDS"` with IDS empty, or `--jobs ,`) is a usage error, as every
 * other flag given an empty value is: it printed `jobs: []` and exited 0, as if an export of no job had
 * been asked for. `--jobs a` and no `--jobs` export as before. The built CLI on a real jobs.yaml.
 */
import {expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

it('export --jobs with no job id is refused; with one, or left out, it exports', () => {
	const root = makeTempRoot({'config/jobs.yaml': 'jobs:\n  - {id: bars, trigger: manual, command: ["true"]}\n  - {id: news, trigger: manual, command: ["true"]}\n'});
	try {
		const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
		for (const value of ['', ',', ' , ']) {
			expect(cli('export', '--jobs', value), JSON.stringify(value)).toMatchObject({
				code: 2,
				stdout: '',
				stderr: `sage-console: --jobs takes job ids, not ${JSON.stringify(value)}: --jobs sync_daily_bars,backup_db, or leave it out for every job\n`,
			});
		}

		const one = cli('export', '--jobs', 'news', '--format', 'json');
		expect(one.code).toBe(0);
		expect((JSON.parse(one.stdout) as {jobs: Array<{id: string}>}).jobs.map(job => job.id)).toEqual(['news']);
		const all = cli('export', '--format', 'json');
		expect((JSON.parse(all.stdout) as {jobs: Array<{id: string}>}).jobs.map(job => job.id)).toEqual(['bars', 'news']);
	} finally {
		root.remove();
	}
}, 60_000);

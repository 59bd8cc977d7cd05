/**
 * `history --limit N` with N past what SQLite's LIMIT takes (2^63) lists every run, as any limit past the
 * history's size does: `--limit 99999999999999999999` crashed with `unexpected error: SqliteError:
 * datatype mismatch` and a stack. With the built CLI and a run in a real database.
 */
import {expect, it} from 'vitest';
import {makeTempRoot} from '../helpers/temp-root.js';
import {runCli} from '../helpers/run-cli.js';

it('a --limit past 2^63 lists the runs, as a large limit does', () => {
	const root = makeTempRoot({'config/jobs.yaml': 'jobs:\n  - {id: greet, trigger: manual, command: ["sh", "-c", "echo hello"]}\n'});
	try {
		const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
		expect(cli('run', 'greet').code).toBe(0);
		for (const limit of ['99999999999999999999', '9223372036854775808']) {
			const table = cli('history', '--limit', limit);
			expect(table, limit).toMatchObject({code: 0, stderr: ''});
			expect(table.stdout).toMatch(/^1 +greet +manual /m);
			const json = cli('history', '--limit', limit, '--json');
			expect(json, limit).toMatchObject({code: 0, stderr: ''});
			expect((JSON.parse(json.stdout) as Array<{job_id: string}>).map(run => run.job_id)).toEqual(['greet']);
		}
	} finally {
		root.remove();
	}
}, 60_000);

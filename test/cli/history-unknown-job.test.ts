/**
 * `history --job ID` with an id neither in jobs.yaml nor in history says so and exits 1, as
 * `GET /v1/runs?job=` answers 404: it printed `no runs match` (`[]` with --json) and exited 0, so a
 * script's typo read as "no runs yet". A job of jobs.yaml with no runs, and a job removed from jobs.yaml
 * whose runs history keeps, are still listed as before.
 */
import {expect, it} from 'vitest';
import {makeTempRoot} from '../helpers/temp-root.js';
import {runCli} from '../helpers/run-cli.js';

it('an unknown --job is refused, naming the known ones; a known job with no runs, or one removed with runs kept, is not', () => {
	const root = makeTempRoot({'config/jobs.yaml': 'jobs:\n  - {id: greet, trigger: manual, command: ["sh", "-c", "echo hello"]}\n'});
	try {
		const cli = (...args: string[]) => runCli([...args, '--root', root.dir]);
		expect(cli('run', 'greet').code).toBe(0);
		root.write('config/jobs.yaml', 'jobs:\n  - {id: wave, trigger: manual, command: ["true"]}\n');

		for (const json of [[], ['--json']]) {
			const typo = cli('history', '--job', 'gret', ...json);
			expect(typo).toMatchObject({code: 1, stdout: '', stderr: 'sage-console: no job "gret" in jobs.yaml or history; known: wave\n'});
		}

		expect(cli('history', '--job', 'wave')).toMatchObject({code: 0, stdout: 'no runs match\n'});
		expect(cli('history', '--job', 'wave', '--json')).toMatchObject({code: 0, stdout: '[]\n'});
		const removed = cli('history', '--job', 'greet', '--json');
		expect(removed.code).toBe(0);
		expect((JSON.parse(removed.stdout) as Array<{job_id: string}>).map(run => run.job_id)).toEqual(['greet']);
		expect(cli('history', '--job', 'greet', '--status', 'failed')).toMatchObject({code: 0, stdout: 'no runs match\n'});
	} finally {
		root.remove();
	}
}, 60_000);

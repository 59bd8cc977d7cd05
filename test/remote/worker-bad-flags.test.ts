/**
 * `sage-console worker` typed wrong is refused at once with what is wrong and exit code 2, as jobs.yaml's
 * `redis:` is checked: a `--redis` that is no Redis URL (`notaurl`, `http://…`, a path that is not a
 * database number), and a `--root` that is no checkout (mistyped, or a folder with neither
 * config/jobs.yaml nor data/sage.db) when `--redis` and `--queues` spare it reading jobs.yaml. Such a
 * worker started and logged `Redis: getaddrinfo ENOTFOUND notaurl` or `Redis: connect ENOENT
 * //127.0.0.1:…` once a minute for ever; on a mistyped root it made the folder (its logs) and would
 * have failed every run it took, the job's code not being there. The built binary.
 */
import {existsSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot, scratchDir} from '../helpers/temp-root.js';

/** The worker's answer; an old one that waited for Redis is ended after 15 s (code null). */
function worker(args: string[]) {
	return runCli(['worker', ...args], {timeoutMs: 15_000});
}

describe('sage-console worker with flags typed wrong', () => {
	it.each([
		['notaurl', 'sage-console: --redis "notaurl" is not a Redis URL (redis://host:6379/0)'],
		['http://127.0.0.1:6379/0', 'sage-console: --redis "http://127.0.0.1:6379/0" is not a Redis URL (redis://host:6379/0)'],
		['redis://127.0.0.1:6379/gpu', 'sage-console: --redis "redis://127.0.0.1:6379/gpu": the path is the database number (/0 to /15)'],
		['redis//:s3cret@127.0.0.1:6379/0', 'sage-console: --redis "redis//:***@127.0.0.1:6379/0" is not a Redis URL (redis://host:6379/0)'],
	])('refuses --redis %s, saying why', (url, said) => {
		const root = makeTempRoot({'config/jobs.yaml': 'jobs: []\n'});
		try {
			const result = worker(['--root', root.dir, '--redis', url, '--queues', 'gpu']);
			expect({code: result.code, stderr: result.stderr.trim()}).toEqual({code: 2, stderr: said});
		} finally {
			root.remove();
		}
	});

	it('refuses a --root that is not there, and does not make it', () => {
		const missing = path.join(scratchDir(), 'srv-tradng');
		const result = worker(['--root', missing, '--redis', 'redis://127.0.0.1:6379/0', '--queues', 'gpu']);
		expect({code: result.code, stderr: result.stderr.trim()}).toEqual({
			code: 2,
			stderr: `sage-console: --root ${missing} is no checkout of the project: neither config/jobs.yaml nor data/sage.db is there; give --root the folder of the same checkout as the console's`,
		});
		expect(existsSync(missing)).toBe(false);
	});

	it('refuses a root with no config/jobs.yaml even given --redis and --queues: it runs only the jobs that file defines', () => {
		const root = makeTempRoot({'data/sage.db': ''});
		try {
			const result = worker(['--root', root.dir, '--redis', 'redis://127.0.0.1:6379/0', '--queues', 'gpu']);
			expect({code: result.code, stderr: result.stderr.trim().split('\n')[0]}).toEqual({
				code: 1,
				stderr: `${root.dir}/config/jobs.yaml:1:1: file not found (root ${root.dir}): a worker runs only the run_on: workers jobs its own checkout's jobs.yaml defines; give --root the folder of the same checkout as the console's (or --config FILE)`,
			});
			expect(existsSync(path.join(root.dir, 'logs'))).toBe(false);
		} finally {
			root.remove();
		}
	});

	it('refuses a --root with neither config/jobs.yaml nor data/sage.db', () => {
		const folder = scratchDir();
		const result = worker(['--root', folder, '--redis', 'redis://127.0.0.1:6379/0', '--queues', 'gpu']);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain(`--root ${folder} is no checkout of the project`);
	});
});

import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot, testJobs} from '../helpers/temp-root.js';

const packageVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version: string}).version;

describe('--version beside other flags', () => {
	it('prints the version and starts nothing, with --root or a command beside it', () => {
		const root = makeTempRoot(testJobs);
		try {
			for (const args of [['--root', root.dir, '--version'], ['status', '--version', '--root', root.dir], ['--headless', '--version', '--root', root.dir]]) {
				// Before, anything beside --version opened the scheduler, which this call would wait on until its timeout.
				const result = runCli(args, {timeoutMs: 20_000});
				expect({args, code: result.code, stdout: result.stdout.trim(), stderr: result.stderr}).toEqual({args, code: 0, stdout: packageVersion, stderr: ''});
			}

			// No scheduler took the root: it made no database and no socket.
			expect(existsSync(path.join(root.dir, 'data/sage.db'))).toBe(false);
		} finally {
			root.remove();
		}
	});
});

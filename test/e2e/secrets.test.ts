/**
 * A secret passed as a job parameter stays out of everything sage-console writes or shows itself
 * (a job may still print its own); history and logs are not readable by other users.
 */
import {readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli, trackHeadlessProcesses} from '../helpers/run-cli.js';

const roots = trackHeadlessProcesses();
const secret = 'tok-8f2e41c9d7a35b60';

/** Every file under `dir`. */
function files(dir: string): string[] {
	return readdirSync(dir, {withFileTypes: true}).flatMap(entry => (entry.isDirectory() ? files(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

describe('secrets', () => {
	it('a secret param reaches the job but no log, history row, or output of sage-console; files are private', () => {
		const root = roots.makeRoot({
			// The job checks what it got without printing it.
			'config/jobs.yaml': `jobs:\n  - {id: pull, trigger: manual, command: ["sh", "-c", "test \\"$1\\" = ${secret} && echo token-received", "sh", "{params.api_token}"]}\n`,
		});
		const run = runCli(['run', 'pull', '--param', `api_token=${secret}`, '--root', root.dir]);
		expect(run.code).toBe(0);
		expect(run.stdout).toContain('token-received');
		const shown = [run, runCli(['show', '1', '--root', root.dir]), runCli(['show', '1', '--json', '--root', root.dir]), runCli(['history', '--json', '--root', root.dir])];
		for (const output of shown) {
			expect(output.stdout + output.stderr).not.toContain(secret);
		}

		// The config holds the value only because this test wrote it there to check the job got it.
		for (const file of [...files(path.join(root.dir, 'data')), ...files(path.join(root.dir, 'logs'))]) {
			expect(readFileSync(file).includes(secret), file).toBe(false);
			expect(statSync(file).mode & 0o007, `${file} is readable by others`).toBe(0);
		}

		// The run log's header names the command, the secret argument redacted.
		expect(readFileSync(files(path.join(root.dir, 'logs/jobs'))[0]!, 'utf8')).toContain('"sh","[redacted]"]');
	});
});

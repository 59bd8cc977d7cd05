/**
 * An empty config/notify_config.json or config/user_config.json (a save cut short, a truncating
 * redirect) is said to be empty, as an empty jobs.yaml is, not "must be a mapping"; the built CLI's
 * `validate` on real files.
 */
import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

describe('empty notification files', () => {
	it('validate says the file is empty and what to write instead', () => {
		const root = makeTempRoot({'config/jobs.yaml': 'jobs: []\n', 'config/notify_config.json': ''});
		const empty = runCli(['validate'], {cwd: root.dir});
		expect(empty.code).toBe(1);
		expect(empty.stderr).toBe('config/notify_config.json:1:1: the file is empty (or only comments): write {} for no settings, or remove the file\n1 problem; nothing was loaded from this file\n');

		root.write('config/notify_config.json', '{}\n');
		root.write('config/user_config.json', '\n\n');
		const users = runCli(['validate'], {cwd: root.dir});
		expect(users.code).toBe(1);
		expect(users.stderr).toBe('config/user_config.json:1:1: the file is empty (or only comments): write {} for no settings, or remove the file\n1 problem; nothing was loaded from this file\n');

		root.write('config/user_config.json', '{}\n');
		expect(runCli(['validate'], {cwd: root.dir}).code).toBe(0);
		root.remove();
	});
});

/**
 * A legacy script run as a command by its path, whose `#!` line names an interpreter that is not there
 * (`#!/usr/bin/python` on a Debian with only python3), or that was saved with Windows line endings: the
 * run's error names the interpreter, not the script as if it were missing ('exited with code 127:
 * setpriv: failed to execute scripts/x.py: No such file or directory').
 */
import {chmodSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

describe('a command script whose #! interpreter cannot be found', () => {
	it('fails naming its #! line: a missing interpreter, or one followed by a carriage return', () => {
		const root = makeTempRoot({
			'config/jobs.yaml': `jobs:
  - {id: old_python, trigger: manual, command: ["scripts/fetch_news.py", "--date", "{date}"]}
  - {id: windows_saved, trigger: manual, command: ["scripts/macro.py"]}
  - {id: fine, trigger: manual, command: ["scripts/fine.sh"]}
`,
			'scripts/fetch_news.py': '#!/nonexistent/bin/python -u\nprint("news")\n',
			'scripts/macro.py': '#!/bin/sh\r\necho macro\r\n',
			'scripts/fine.sh': '#! /bin/sh\necho fine\n',
		});
		for (const script of ['fetch_news.py', 'macro.py', 'fine.sh']) {
			chmodSync(`${root.dir}/scripts/${script}`, 0o755);
		}

		const old = runCli(['run', 'old_python', '--root', root.dir]);
		expect(old.code).toBe(1);
		expect(old.stdout).toContain('\nCommandNotFound: cannot run scripts/fetch_news.py: its #! line names /nonexistent/bin/python, which does not exist\n');
		const windows = runCli(['run', 'windows_saved', '--root', root.dir]);
		expect(windows.code).toBe(1);
		expect(windows.stdout).toContain('\nCommandNotFound: cannot run scripts/macro.py: its #! line names /bin/sh followed by a carriage return (the file has Windows line endings)\n');
		const fine = runCli(['run', 'fine', '--root', root.dir]);
		expect(fine.code, fine.stdout).toBe(0);
		expect(fine.stdout).toContain('fine  stream=stdout');
		root.remove();
	});
});

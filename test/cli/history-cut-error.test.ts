/**
 * `sage-console history` keeps each run's ERROR / MESSAGE to one short cell, and says so where it cuts
 * one: `…` at its end, as the console does. It cut at the 80th character with no sign
 * (`… FileNotFoundError: [Errno 2] No s`), which read as the whole message.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';

let root: TempRoot | undefined;
afterEach(() => {
	root?.remove();
	root = undefined;
});

describe('history\'s ERROR / MESSAGE', () => {
	it('ends a cut message with …, and leaves a short one whole', () => {
		root = makeTempRoot({'config/jobs.yaml': `jobs:
  - id: py_import
    trigger: manual
    command: ["sh", "-c", "echo \\"FileNotFoundError: [Errno 2] No such file or directory: '/data/prices.csv'\\" >&2; exit 1"]
  - id: short
    trigger: manual
    command: ["sh", "-c", "echo boom >&2; exit 3"]
`});
		runCli(['run', 'py_import', '--root', root.dir]);
		runCli(['run', 'short', '--root', root.dir]);
		const rows = runCli(['history', '--root', root.dir]).stdout.trimEnd().split('\n');
		const long = rows.find(row => row.includes('py_import'))!;
		expect(long).toMatch(/ExitCode: sh exited with code 1: FileNotFoundError: \[Errno 2] No such fil.*…$/);
		expect(long.slice(long.indexOf('ExitCode')).length).toBe(80);
		expect(rows.find(row => row.includes('short'))).toMatch(/ExitCode: sh exited with code 3: boom$/);
	});
});

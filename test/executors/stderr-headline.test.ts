/**
 * A failed command's error names the stderr line that says what went wrong. Node ends an uncaught
 * error with its stack frames and its own version, so the error read `node exited with code 1:
 * Node.js v20.20.2` in history, the console and the alert; a Python traceback ends with its headline.
 * Real programs' stderr, through the built `run` and straight into stderrHeadline.
 */
import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {stderrHeadline} from '../../src/executors/stderr-headline.js';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

const stderrOf = (command: string, args: string[]) => spawnSync(command, args, {encoding: 'utf8'}).stderr.split('\n');

describe('the headline of a failed command', () => {
	it('is the error above the stack of an uncaught Node error, not Node\'s version', () => {
		const root = makeTempRoot({
			'boom.js': 'function load() { throw new TypeError("cannot read the quote file: bad header"); }\nload();\n',
			'config/jobs.yaml': 'jobs:\n  - {id: boom, trigger: manual, command: ["node", "boom.js"]}\n',
		});
		try {
			expect(runCli(['run', 'boom', '--root', root.dir]).code).toBe(1);
			const [run] = JSON.parse(runCli(['history', '--json', '--root', root.dir]).stdout) as Array<{error_message: string; error_stack: string}>;
			expect(run!.error_message).toBe('node exited with code 1: TypeError: cannot read the quote file: bad header');
			// The stack keeps the whole tail, the version too.
			expect(run!.error_stack).toContain('Node.js v');
		} finally {
			root.remove();
		}
	}, 60_000);

	it('is the error of a Node error with its own properties after the frames', () => {
		const tail = stderrOf('node', ['-e', 'require("node:fs").readFileSync("/no/such/quotes.csv")']);
		expect(stderrHeadline(tail)).toBe('Error: ENOENT: no such file or directory, open \'/no/such/quotes.csv\'');
	});

	it('is the last line of a Python traceback, and of any other stderr', () => {
		expect(stderrHeadline(stderrOf('/usr/bin/python3', ['-c', 'import json\njson.loads("{")']))).toMatch(/^json\.decoder\.JSONDecodeError: Expecting property name enclosed in double quotes/);
		expect(stderrHeadline(stderrOf('sh', ['-c', 'echo "feed: first" >&2; echo "feed down" >&2; exit 3']))).toBe('feed down');
		expect(stderrHeadline([])).toBeUndefined();
	});
});

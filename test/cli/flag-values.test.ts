/**
 * A flag that takes a value, typed without one, or a flag typed twice, is a usage error (exit 2) that
 * names the flag, instead of a command run as if it had been understood (`history --job` listing no
 * runs, `list --count` the default, `run JOB --param` without params) or a stack trace. The built CLI.
 */
import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {oneManualJobRoot as projectRoot} from '../helpers/temp-root.js';

describe('flags typed without their value, or twice', () => {
	it('a value flag last on the line or before another flag is refused, naming it, and nothing runs', () => {
		const cwd = projectRoot();
		for (const [args, flag, command] of [
			[['history', '--job'], '--job', 'history'],
			[['list', '--count'], '--count', 'list'],
			[['list', '--count', '--json'], '--count', 'list'],
			[['calendar', '--year', '--json'], '--year', 'calendar'],
			[['run', 'bars', '--param'], '--param', 'run'],
		] as const) {
			const result = runCli([...args], {cwd});
			expect(result, args.join(' ')).toMatchObject({code: 2, stdout: '', stderr: `sage-console: ${flag} needs a value; see sage-console ${command} --help\n`});
		}

		expect(runCli(['history', '--json'], {cwd}).stdout).toBe('[]\n');
	});

	it('a flag typed twice is a usage error, not a stack trace', () => {
		const result = runCli(['history', '--limit', '1', '--limit', '2'], {cwd: projectRoot()});
		expect(result).toMatchObject({code: 2, stdout: '', stderr: 'sage-console: the flag --limit can only be set once; see sage-console --help\n'});
	});

	it('values given as --flag=value, or after the flag, still work', () => {
		const cwd = projectRoot();
		expect(runCli(['list', '--count=2', '--json', '--from', '2026-12-07T00:00:00+08:00'], {cwd})).toMatchObject({code: 0, stderr: ''});
		expect(runCli(['plan', '--date', '2026-12-07', '--json'], {cwd})).toMatchObject({code: 0, stderr: ''});
	});
});

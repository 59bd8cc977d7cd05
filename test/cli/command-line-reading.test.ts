/**
 * How the built CLI reads its command line (src/cli/command-line.ts): `--help` before the command
 * still helps with that command, a flag typed in the wrong case is named as typed with the flag meant,
 * `--no-FLAG` turns a boolean off, a camelCase flag is the kebab-case one, and a value flag followed by
 * another flag does not take that flag as its value.
 */
import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {oneManualJobRoot as projectRoot} from '../helpers/temp-root.js';

describe('reading the command line', () => {
	it('--help before the command is that command\'s help, as after it', () => {
		const before = runCli(['--help', 'history']);
		const after = runCli(['history', '--help']);
		expect(before.code).toBe(0);
		expect(before.stdout).toContain('$ sage-console history [--json]');
		expect(before.stdout).not.toContain('$ sage-console worker');
		expect(before.stdout).toBe(after.stdout);
	});

	it('a flag typed in the wrong case is refused as typed, with the flag meant', () => {
		const result = runCli(['history', '--JSON'], {cwd: projectRoot()});
		expect(result).toMatchObject({code: 2, stdout: '', stderr: 'sage-console: unknown flag --JSON (did you mean --json?); see sage-console --help\n'});
	});

	it('--no-json is text, --json JSON; --tradeDate is --trade-date', () => {
		const cwd = projectRoot();
		expect(runCli(['history', '--json', '--no-json'], {cwd})).toMatchObject({code: 0, stdout: 'no runs match\n'});
		expect(runCli(['history', '--no-json', '--json'], {cwd})).toMatchObject({code: 0, stdout: '[]\n'});
		const run = runCli(['run', 'bars', '--tradeDate', '2026-12-04'], {cwd});
		expect(run.code, run.stderr).toBe(0);
		expect(JSON.parse(runCli(['history', '--json'], {cwd}).stdout)).toMatchObject([{job_id: 'bars', trade_date: '2026-12-04'}]);
	});

	it('a value flag followed by another flag is refused for its missing value, whatever follows', () => {
		const cwd = projectRoot();
		const result = runCli(['history', '--limit', '--root', cwd]);
		expect(result).toMatchObject({code: 2, stdout: '', stderr: 'sage-console: --limit needs a value; see sage-console history --help\n'});
	});
});

/**
 * `sage-console COMMAND --help` of the most used commands says what each of the command's flags means
 * and takes, one line a flag, as `worker --help` does: history's --status values, run's --param k=v,
 * plan's --date and list's --from formats. They printed the usage line alone. The block names exactly
 * the flags of the command's usage line, so the two cannot drift apart.
 */
import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';

const commands = ['history', 'run', 'logs', 'plan', 'list', 'status'];

/** The `--flag` words of a block of lines. */
function flagsIn(lines: string[]): string[] {
	return [...new Set(lines.join('\n').match(/--[a-z][a-z-]*/g) ?? [])].sort();
}

/** The command's usage lines and its own options block, as --help prints them. */
function helpOf(command: string): {usage: string[]; block: string[]; code: number | null} {
	const {stdout, code} = runCli([command, '--help']);
	const lines = stdout.split('\n');
	const usageStart = lines.findIndex(line => line.trim() === 'Usage');
	const blockStart = lines.findIndex(line => /^\s*\w+ options$/.test(line));
	const blockEnd = lines.findIndex((line, index) => index > blockStart && line.trim() === '');
	return {
		code,
		usage: lines.slice(usageStart + 1, lines.findIndex((line, index) => index > usageStart && line.trim() === '')),
		block: blockStart === -1 ? [] : lines.slice(blockStart + 1, blockEnd),
	};
}

describe('the most used commands\' --help', () => {
	it('has a block saying what each flag of the usage line takes, one line each', () => {
		for (const command of commands) {
			const help = helpOf(command);
			expect(help.code, command).toBe(0);
			expect(help.block.length, command).toBeGreaterThan(0);
			expect(flagsIn(help.block), command).toEqual(flagsIn(help.usage));
			// Each flag starts a line of its own.
			for (const flag of flagsIn(help.usage)) {
				expect(help.block.some(line => line.trimStart().startsWith(flag)) || help.block.some(line => line.includes(` ${flag} `)), `${command} ${flag}`).toBe(true);
			}
		}
	});

	it('names the values the flags take', () => {
		const flagLine = (command: string, flag: string) => helpOf(command).block.find(line => line.trimStart().startsWith(`${flag} `)) ?? '';
		expect(flagLine('history', '--status')).toContain('queued, running, success, failed, timeout, cancelled, interrupted, skipped');
		expect(flagLine('history', '--since')).toContain('2026-12-01');
		expect(flagLine('run', '--param')).toContain('dry_run=true');
		expect(flagLine('plan', '--date')).toContain('YYYY-MM-DD');
		expect(flagLine('list', '--from')).toContain('2026-12-07T09:30:00+08:00');
		// The defaults as list and run apply them.
		expect(flagLine('list', '--count')).toContain('default: one in the table, 5 with --json');
		expect(flagLine('run', '--trade-date')).toContain('today when it trades');
	});
});

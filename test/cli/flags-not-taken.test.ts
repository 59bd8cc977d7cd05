import {afterEach, describe, expect, it} from 'vitest';
import {rejectFlagsNotTaken} from '../../src/cli/command-flags.js';
import {help} from '../../src/cli/usage.js';
import {runCli} from '../helpers/run-cli.js';
import {makeShippedRoot} from '../helpers/shipped-root.js';
import type {TempRoot} from '../helpers/temp-root.js';

let root: TempRoot | undefined;
afterEach(() => {
	root?.remove();
	root = undefined;
});

describe('a flag the command does not take', () => {
	it('is refused with what the command takes (exit 2), not ignored', () => {
		root = makeShippedRoot();
		// `plan --year` printed today's plan, `history --count` every run, `validate --json` text.
		const cases: Array<[string[], string]> = [
			[['plan', '--year', '2027'], 'plan does not take --year (its flags: --date, --json); see sage-console plan --help'],
			[['history', '--count', '5'], 'history does not take --count (its flags: --json, --job, --status, --since, --limit); see sage-console history --help'],
			[['validate', '--json'], 'validate does not take --json (no flags of its own); see sage-console validate --help'],
			[['list', '--follow', '--date=2026-12-07'], 'list does not take --follow, --date (its flags: --json, --from, --count); see sage-console list --help'],
		];
		for (const [args, message] of cases) {
			const result = runCli([...args, '--root', root.dir]);
			expect(result.code, args.join(' ')).toBe(2);
			expect(result.stderr.trim()).toBe(`sage-console: ${message}`);
			expect(result.stdout).toBe('');
		}
	});

	it('pause and resume given both a job and --all say they take one of them, not that one is missing', () => {
		root = makeShippedRoot();
		for (const verb of ['pause', 'resume']) {
			const result = runCli([verb, 'hello', '--all', '--root', root.dir]);
			expect(result.code, verb).toBe(2);
			expect(result.stderr.trim()).toBe(`sage-console: ${verb} takes a job id or --all, not both: sage-console ${verb} hello for the job, sage-console ${verb} --all for the whole scheduler`);
			expect(result.stdout).toBe('');
		}
	});

	it('leaves the flags a command takes, and --root, --config and --db, to it', () => {
		root = makeShippedRoot();
		expect(runCli(['list', '--json', '--count', '1', '--root', root.dir]).code).toBe(0);
		expect(runCli(['plan', '--date', '2026-12-07', '--json', '--root', root.dir]).code).toBe(0);
		expect(runCli(['calendar', '--year', '2026', '--config', `${root.dir}/config/jobs.yaml`, '--root', root.dir]).code).toBe(0);
		const validate = runCli(['validate', '--root', root.dir]);
		expect(validate.code, validate.stderr).toBe(0);
	});

	it('every flag a usage line of --help names is taken by its command', () => {
		const usage = help.slice(help.indexOf('Usage'), help.indexOf('Options'));
		// One usage line (with its continuation lines) per entry: `$ sage-console list [--json] …`.
		const entries = usage.split(/\n\s*\$ sage-console /).slice(1);
		expect(entries.length).toBeGreaterThan(15);
		for (const entry of entries) {
			const flags = [...entry.matchAll(/--[a-z][a-z-]*/g)].map(match => match[0]);
			const commandPart = entry.split(/\s{2,}/)[0]!;
			const names = commandPart.startsWith('-') || commandPart.startsWith('[')
				? [undefined]
				: commandPart.split(' · ').flatMap(part => part.trim().split(' ')[0]!.split('|'));
			for (const name of names) {
				expect(() => {
					rejectFlagsNotTaken(name, flags);
				}, `${name ?? 'the console'} ${flags.join(' ')}`).not.toThrow();
			}
		}
	});

	it('COMMAND --help lists no option the command refuses: --headless and --http are the console\'s', () => {
		for (const command of ['validate', 'history', 'run', 'status', 'worker']) {
			const result = runCli([command, '--help']);
			expect(result.code, command).toBe(0);
			expect(result.stdout, command).toContain('--root DIR');
			expect(result.stdout, command).not.toMatch(/^\s*--headless/m);
			expect(result.stdout, command).not.toMatch(/^\s*--http/m);
		}

		const whole = runCli(['--help']).stdout;
		expect(whole).toMatch(/^\s*--headless/m);
		expect(whole).toMatch(/^\s*--http ADDR/m);
	});
});

/**
 * A command's `--help` lists each option once, and only those the command heeds. `worker --help` listed
 * `--root DIR` twice (its own block's line and the common options'); `init --help` listed `--config` and
 * `--db`, which init ignored: `init --db x` wrote the starter files and exit 0 as if the flag were not
 * there. Now init refuses them (exit 2, nothing written) and its help leaves them out; `--root` it takes.
 */
import {existsSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {scratchDir} from '../helpers/temp-root.js';

/** The lines of `help` that start with `--flag` (an options line). */
const optionLines = (help: string, flag: string) => help.split('\n').filter(line => line.trimStart().startsWith(`${flag} `));

describe('a command\'s --help', () => {
	it('worker --help lists --root DIR once, with what it is for a worker', () => {
		const help = runCli(['worker', '--help']);
		expect(help.code).toBe(0);
		expect(optionLines(help.stdout, '--root')).toEqual([expect.stringContaining('the project checkout')]);
		expect(optionLines(help.stdout, '--config')).toHaveLength(1);
	});

	it('init --help lists --root and not --config or --db, which init refuses rather than ignores', () => {
		const help = runCli(['init', '--help']);
		expect(help.code).toBe(0);
		expect(optionLines(help.stdout, '--root')).toHaveLength(1);
		expect(optionLines(help.stdout, '--config')).toEqual([]);
		expect(optionLines(help.stdout, '--db')).toEqual([]);

		const folder = scratchDir();
		for (const flag of ['--db', '--config']) {
			const target = path.join(folder, flag.slice(2));
			const result = runCli(['init', target, flag, path.join(folder, 'elsewhere')]);
			expect(result.code, flag).toBe(2);
			expect(result.stderr.trim()).toBe(`sage-console: init does not take ${flag} (it takes DIR or --root DIR alone: the starter files, config/jobs.yaml among them, go there, and it makes no database); see sage-console init --help`);
			expect(existsSync(target), flag).toBe(false);
		}

		expect(readdirSync(folder)).toEqual([]);
		const byRoot = runCli(['init', '--root', path.join(folder, 'box')]);
		expect(byRoot.code, byRoot.stderr).toBe(0);
		expect(existsSync(path.join(folder, 'box', 'config', 'jobs.yaml'))).toBe(true);
	});
});

/**
 * A command job's (and a service's) `env` and `cwd`, read by the built CLI: a value an environment
 * cannot hold (a list, a mapping, nothing) and a `cwd` that is not a path are problems at their
 * positions; numbers and true/false reach the process as the text they were written as.
 */
import {existsSync, mkdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

describe('env and cwd of a command job or a service', () => {
	it('a list, a mapping or an empty value in env, and cwd: 7, are each a problem at its position', () => {
		const root = makeTempRoot({'config/jobs.yaml': `jobs:
  - id: bars
    cron: "0 9 * * *"
    command: ["true"]
    cwd: 7
    env: {A: [1], B: true, C: , D: {x: 1}}
services:
  - id: feed
    command: ["true"]
    cwd: [feeds]
    env:
      TOKENS: [a, b]
`});
		const validate = runCli(['validate'], {cwd: root.dir});
		expect(validate.code).toBe(1);
		expect(validate.stderr).toBe([
			'config/jobs.yaml:5:10: cwd must be a folder path (a string, relative to the project root or absolute), not 7',
			'config/jobs.yaml:6:14: env A must be a string (or a number or true/false, passed as text), not a list',
			'config/jobs.yaml:6:28: env C has no value: write "" for an empty one',
			'config/jobs.yaml:6:36: env D must be a string (or a number or true/false, passed as text), not a mapping',
			'config/jobs.yaml:10:10: cwd must be a folder path (a string, relative to the project root or absolute), not ["feeds"]',
			'config/jobs.yaml:12:15: env TOKENS must be a string (or a number or true/false, passed as text), not a list',
			'6 problems; nothing was loaded from this file',
			'',
		].join('\n'));
		root.remove();
	});

	it('numbers and true/false in env reach the command as text, in its cwd', () => {
		const root = makeTempRoot({'config/jobs.yaml': `jobs:
  - id: env_check
    trigger: manual
    command: ["sh", "-c", "printf '%s|%s|%s' \\"$PORT\\" \\"$DEBUG\\" \\"$CODE\\" > env.txt"]
    cwd: out
    env: {PORT: 8080, DEBUG: true, CODE: "600519.SH"}
`});
		mkdirSync(path.join(root.dir, 'out'));
		const run = runCli(['run', 'env_check'], {cwd: root.dir});
		expect(run.code).toBe(0);
		expect(existsSync(path.join(root.dir, 'env.txt'))).toBe(false);
		expect(readFileSync(path.join(root.dir, 'out', 'env.txt'), 'utf8')).toBe('8080|true|600519.SH');
		root.remove();
	});
});

/**
 * A number or true/false in a job's `env` reaches the command as the file writes it: `VERSION: 1.10` is
 * "1.10", `DEBUG: True` is "True" (what a Python script compares `os.environ` with), a 20-digit id its
 * digits. They were passed as JavaScript printed the value YAML read: "1.1", "true",
 * "12345678901234567000". The built CLI runs the command job in the foreground.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

const jobsYaml = `jobs:
  - id: envs
    trigger: manual
    env: {VERSION: 1.10, ORDER_ID: 12345678901234567891, DEBUG: True, PORT: 8080, TEXT: "1.10"}
    command: ["sh", "-c", "printf '%s|%s|%s|%s|%s' \\"$VERSION\\" \\"$ORDER_ID\\" \\"$DEBUG\\" \\"$PORT\\" \\"$TEXT\\" > envs.txt"]
`;

describe('numbers and booleans in env', () => {
	it('are passed as written', () => {
		const root = makeTempRoot({'config/jobs.yaml': jobsYaml});
		try {
			const run = runCli(['run', 'envs', '--root', root.dir]);
			expect(run.code, run.stderr).toBe(0);
			expect(readFileSync(path.join(root.dir, 'envs.txt'), 'utf8')).toBe('1.10|12345678901234567891|True|8080|1.10');
		} finally {
			root.remove();
		}
	});
});

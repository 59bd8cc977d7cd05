/**
 * `import FILE` replaces jobs.yaml's job list alone. A top-level setting FILE gives that jobs.yaml does
 * not hold as written there (`timezone: UTC` where jobs.yaml has Asia/Shanghai) is a problem at its key,
 * nothing written: it used to be dropped without a word, and the imported 09:00 job fired at 09:00
 * Shanghai, eight hours before the 09:00 UTC its file said. A whole jobs.yaml imported back, its
 * settings as they are, still imports. The built CLI on a real root.
 */
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {scratchDir} from '../helpers/temp-root.js';

const jobsYaml = 'timezone: Asia/Shanghai\nmax_parallel: 4\njobs:\n  - id: sync\n    cron: "0 9 * * *"\n    command: ["true"]\n';

function rootWithJobs(): string {
	const root = scratchDir('import-settings-');
	mkdirSync(path.join(root, 'config'));
	writeFileSync(path.join(root, 'config/jobs.yaml'), jobsYaml);
	return root;
}

describe('import FILE with top-level settings of its own', () => {
	it('Given jobs.yaml in Asia/Shanghai, When FILE says timezone: UTC and max_parallel: 1, Then each is a problem at its key and jobs.yaml stays', () => {
		const root = rootWithJobs();
		const file = path.join(root, 'other-box.yaml');
		writeFileSync(file, 'timezone: UTC\nmax_parallel: 1\njobs:\n  - id: sync\n    cron: "0 9 * * *"\n    command: ["true"]\n  - id: report\n    cron: "0 20 * * *"\n    command: ["true"]\n');

		const result = runCli(['import', file, '--root', root]);

		expect(result.code).toBe(1);
		expect(result.stderr.split('\n').filter(line => line.includes('other-box.yaml:'))).toEqual([
			`${file}:1:1: timezone is not imported: an import replaces the job list alone, and jobs.yaml has timezone: Asia/Shanghai; remove timezone from ${file}, or set it in jobs.yaml`,
			`${file}:2:1: max_parallel is not imported: an import replaces the job list alone, and jobs.yaml has max_parallel: 4; remove max_parallel from ${file}, or set it in jobs.yaml`,
		]);
		expect(readFileSync(path.join(root, 'config/jobs.yaml'), 'utf8')).toBe(jobsYaml);
	});

	it('a whole jobs.yaml, its settings as jobs.yaml has them, imports', () => {
		const root = rootWithJobs();
		const file = path.join(root, 'copy.yaml');
		writeFileSync(file, `${jobsYaml}  - id: report\n    cron: "0 20 * * *"\n    command: ["true"]\n`);

		const result = runCli(['import', file, '--root', root]);

		expect(result.stderr).toBe('');
		expect(result.stdout).toContain('jobs.yaml written (1 added, 0 changed, 0 removed)');
		expect(result.code).toBe(0);
	});
});

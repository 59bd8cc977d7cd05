/**
 * `import FILE` where FILE shares blocks with anchors (`x-defaults: &d`, `<<: *d`, `cron: *c`), as a
 * hand-written jobs.yaml does: the jobs are written into jobs.yaml as what they mean, values in place of
 * the aliases, since jobs.yaml has none of FILE's anchors. The import ended in "unexpected error:
 * Unresolved alias (the anchor must be set before the alias)", on the dry run too. The built CLI on a
 * real root.
 */
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {scratchDir} from '../helpers/temp-root.js';

const jobsYaml = 'timezone: Asia/Shanghai\njobs:\n  - id: quotes\n    cron: "*/5 * * * *"\n    command: ["true"]\n';

function importInto(fileText: string): {result: ReturnType<typeof runCli>; jobsFile: string; root: string} {
	const root = scratchDir('import-anchors-');
	mkdirSync(path.join(root, 'config'));
	const jobsFile = path.join(root, 'config/jobs.yaml');
	writeFileSync(jobsFile, jobsYaml);
	const file = path.join(root, 'edited.yaml');
	writeFileSync(file, fileText);
	return {result: runCli(['import', file, '--root', root]), jobsFile, root};
}

describe('import FILE with anchors and aliases', () => {
	it('a merge key of shared defaults: the changed job gets the merged fields as values', () => {
		const {result, jobsFile, root} = importInto('x-defaults: &d {timeout: 5m, retries: 2}\njobs:\n  - id: quotes\n    <<: *d\n    cron: "*/5 * * * *"\n    command: ["true"]\n');

		expect(result.stderr).toBe('');
		expect(result.stdout).toBe('~ quotes\n    + timeout: 5m\n    + retries: 2\njobs.yaml written (0 added, 1 changed, 0 removed)\n');
		expect(readFileSync(jobsFile, 'utf8')).toBe('timezone: Asia/Shanghai\njobs:\n  - id: quotes\n    cron: "*/5 * * * *"\n    command: ["true"]\n    timeout: 5m\n    retries: 2\n');
		expect(runCli(['validate', '--root', root]).code).toBe(0);
	});

	it('an added job aliasing a value anchored in a job left as it is', () => {
		const {result, jobsFile} = importInto('jobs:\n  - id: quotes\n    cron: &every5 "*/5 * * * *"\n    command: ["true"]\n  - id: news\n    cron: *every5\n    command: ["true"]\n');

		expect(result.stderr).toBe('');
		expect(result.stdout).toBe('+ news\njobs.yaml written (1 added, 0 changed, 0 removed)\n');
		expect(readFileSync(jobsFile, 'utf8')).toBe(`${jobsYaml}  - id: news\n    cron: "*/5 * * * *"\n    command: ["true"]\n`);
	});
});

/**
 * `import FILE` of a file with no `jobs:` list (its services alone) names that file, not jobs.yaml, which has one: the
 * refusal read `jobs.yaml has no jobs: list` and sent the operator to the wrong file. jobs.yaml is
 * left as it was. The built CLI on real files.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {makeTempRoot} from '../helpers/temp-root.js';
import {runCli} from '../helpers/run-cli.js';

it('names the imported file that has no jobs: list, and writes nothing', () => {
	const jobsYaml = 'jobs:\n  - {id: greet, trigger: manual, command: ["true"]}\n';
	const root = makeTempRoot({'config/jobs.yaml': jobsYaml, 'exported.yaml': 'services:\n  - {id: collector, command: ["sleep", "600"]}\n'});
	try {
		const refused = runCli(['import', path.join(root.dir, 'exported.yaml'), '--root', root.dir]);
		expect(refused.code).toBe(2);
		expect(refused.stderr).toContain('exported.yaml has no jobs: list');
		expect(refused.stderr).not.toContain('jobs.yaml has no jobs: list');
		expect(readFileSync(path.join(root.dir, 'config/jobs.yaml'), 'utf8')).toBe(jobsYaml);
	} finally {
		root.remove();
	}
});

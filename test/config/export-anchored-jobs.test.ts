/**
 * `export` of a jobs.yaml that shares blocks with anchors (`x-defaults: &d` merged with `<<: *d`, a
 * `cron: &daily` reused as `*daily`) prints each job as it means, and that export imports back as
 * nothing to change, jobs.yaml untouched. The export printed each alias as `{source: d}` (`<<: {source:
 * d}`, `cron: {source: daily}`), which the import then refused ('unknown key "source" in a job', 'cron
 * must be a non-empty string'); an import compared the file's `<<: *d` jobs as written, so a job the
 * same in meaning counted as changed. The built CLI on a real root.
 */
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {scratchDir} from '../helpers/temp-root.js';

const anchored = `timezone: Asia/Shanghai
x-defaults: &d
  timeout: 5m
  retries: 2
jobs:
  - id: sync
    <<: *d
    cron: &daily "30 16 * * 1-5"
    command: ["true"]
  - id: report
    <<: *d
    retries: 0
    cron: *daily
    command: ["true"]
`;

describe('export and import of a jobs.yaml with anchors', () => {
	it('exports each job as it means, and the export imports back with nothing to change', () => {
		const root = scratchDir('export-anchored-');
		mkdirSync(path.join(root, 'config'));
		const jobsFile = path.join(root, 'config/jobs.yaml');
		writeFileSync(jobsFile, anchored);

		const exported = runCli(['export', '--format', 'json', '--root', root]);
		expect(exported.stderr).toBe('');
		expect(JSON.parse(exported.stdout)).toEqual({
			jobs: [
				{id: 'sync', cron: '30 16 * * 1-5', command: ['true'], timeout: '5m', retries: 2},
				{id: 'report', retries: 0, cron: '30 16 * * 1-5', command: ['true'], timeout: '5m'},
			],
			paused: [],
		});

		const yamlExport = runCli(['export', '--root', root]).stdout;
		const file = path.join(root, 'jobs-export.yaml');
		writeFileSync(file, yamlExport);
		const imported = runCli(['import', file, '--root', root]);
		expect(imported.stderr).toBe('');
		expect(imported.stdout).toBe('nothing to change (0 added, 0 changed, 0 removed)\n');
		expect(readFileSync(jobsFile, 'utf8')).toBe(anchored);
	});
});

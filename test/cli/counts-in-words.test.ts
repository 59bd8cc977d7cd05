/**
 * Counts read as English: one problem is `1 problem`, not `1 problem(s)`, and a cron of one field has
 * `1 field`, not `1 fields`. `import` of a file with one bad cron, through the built CLI.
 */
import {expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

it('import names one problem as one, and a cron of one field as one field', () => {
	const root = makeTempRoot({
		'config/jobs.yaml': 'jobs:\n  - {id: a, cron: "0 9 * * *", command: ["true"]}\n',
		'new.yaml': 'jobs:\n  - {id: b, cron: "*", command: ["true"]}\n',
	});
	try {
		const result = runCli(['import', 'new.yaml', '--root', root.dir], {cwd: root.dir});
		expect(result.code).toBe(1);
		expect(result.stderr).toBe('new.yaml:2:19: cron "*" has 1 field; give 5 (minute hour day month weekday) or 6 (seconds first)\n1 problem; jobs.yaml not changed\n');
	} finally {
		root.remove();
	}
});

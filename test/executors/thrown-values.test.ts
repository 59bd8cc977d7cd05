/**
 * A job that throws something that is not an Error: `throw 'boom'` (in the run, or later from a timer,
 * where it ends the worker) was recorded as an `Error`, which it is not, while `throw 42` was a
 * `number`'s. Each is now its own type, with its text, in history, `run` and `show` (alerts and the
 * console print the same `type: message`).
 */
import {afterAll, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

const files = {
	'config/jobs.yaml': `jobs:
  - {id: throws_string, trigger: manual, module: jobs/throws-string.ts}
  - {id: timer_string, trigger: manual, module: jobs/timer-string.mjs}
  - {id: throws_number, trigger: manual, module: jobs/throws-number.mjs}
`,
	'jobs/throws-string.ts': 'export default async function run() {\n\tthrow \'no bars for 600519.SH\';\n}\n',
	'jobs/timer-string.mjs': 'export default function run() {\n\tsetTimeout(() => {\n\t\tthrow \'feed closed\';\n\t}, 1);\n\treturn new Promise(() => undefined);\n}\n',
	'jobs/throws-number.mjs': 'export default function run() {\n\tthrow 42;\n}\n',
};

type Row = {id: number; error_type: string; error_message: string};

describe('a job throwing a value that is not an Error', () => {
	const root = makeTempRoot(files);
	afterAll(() => root.remove());
	const row = (jobId: string) => (JSON.parse(runCli(['history', '--json', '--job', jobId], {cwd: root.dir}).stdout) as Row[])[0]!;

	it('a thrown string is recorded and shown as a string, with its text, as a thrown number is a number', () => {
		for (const [jobId, type, text] of [['throws_string', 'string', 'no bars for 600519.SH'], ['timer_string', 'string', 'feed closed'], ['throws_number', 'number', '42']] as const) {
			const headline = `${type}: a non-Error value was thrown: ${text}`;
			const run = runCli(['run', jobId], {cwd: root.dir});
			expect(run.code).toBe(1);
			expect(run.stdout).toContain(`: failed in `);
			expect(run.stdout).toContain(`\n${headline}\n`);
			expect(row(jobId)).toMatchObject({error_type: type, error_message: `a non-Error value was thrown: ${text}`});
			expect(runCli(['show', String(row(jobId).id)], {cwd: root.dir}).stdout).toContain(`\n${headline}\n`);
		}
	});
});

/**
 * A run asked for with params beyond its job's (`run JOB --param`, the API's `params`) shows them in
 * its detail, as `show RUN` does (`params  code="600519" days=5`): they are what `R` runs it with
 * again. A secret one's value is `[redacted]`, as in `show` and the run log's header. The detail said
 * nothing of them, so a failed run asked for one stock read like the job's own run.
 */
import {describe, expect, it} from 'vitest';
import {keys} from '../helpers/keys.js';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();

const jobsYaml = `jobs:
  - id: import_fills
    trigger: manual
    command: ["sh", "-c", "echo 'broker file missing' >&2; exit 3"]
`;

describe('the detail of a run asked for with params', () => {
	it('gives its params, a secret one redacted, in the failure detail and the job view\'s run detail', async () => {
		const c = await open(jobsYaml, {statusMs: 60_000});
		await c.see('Jobs (1)');
		const asked = c.t.scheduler.submit('import_fills', {params: {code: '600519', days: 5, api_token: 'tok-s3cret-9f2'}});
		expect(asked.ok).toBe(true);
		await c.t.scheduler.whenFinished(asked.ok ? asked.run.id : 0);

		// The failure's detail: f, Enter.
		await c.see('Failures today (1)');
		await c.press('f', keys.enter);
		const failure = await c.see('Run 1 · import_fills');
		expect(failure).toMatch(/params +code="600519" days=5 api_token=\[redacted\]/);
		expect(failure).not.toContain('tok-s3cret');

		// The same run from the job's view: Esc, Tab back to the jobs, Enter on the job and on its run.
		await c.press(keys.escape);
		await c.gone('Run 1 · import_fills');
		await c.press(keys.tab);
		await c.see('▌Jobs (1)');
		await c.press(keys.enter);
		await c.see(/RUN +TRIGGER/);
		await c.press(keys.enter);
		const fromJob = await c.see('Run 1 · import_fills');
		expect(fromJob).toMatch(/params +code="600519" days=5 api_token=\[redacted\]/);
	});

	it('has no params line for a run of the job\'s own params', async () => {
		const c = await open(jobsYaml, {statusMs: 60_000});
		await c.see('Jobs (1)');
		await c.run('import_fills');
		await c.see('Failures today (1)');
		await c.press('f', keys.enter);
		const detail = await c.see('Run 1 · import_fills');
		expect(detail).toMatch(/status +failed/);
		expect(detail).not.toMatch(/params/);
	});
});

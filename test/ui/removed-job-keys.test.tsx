/**
 * A job taken out of jobs.yaml while the console is open leaves its failures listed for the day. `r`,
 * `p` and `b` on one of them say that the job is no longer there, not "no job selected" (a row is
 * selected) or nothing at all.
 */
import {describe, expect, it} from 'vitest';
import {parseJobsConfig} from '../../src/config/load-jobs-config.js';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();

const before = `jobs:
  - id: backup_db
    trigger: manual
    command: ["true"]
  - id: import_fills
    trigger: manual
    command: ["sh", "-c", "echo 'broker file missing' >&2; exit 3"]
`;
const after = `jobs:
  - id: backup_db
    trigger: manual
    command: ["true"]
`;

describe('keys on a failure of a job that left jobs.yaml', () => {
	it('r, p and b say the job is not in jobs.yaml now', async () => {
		// Answers fade fast, so each key's own answer is seen.
		const c = await open(before, {statusMs: 300});
		await c.run('import_fills');
		await c.see('Failures today (1)');
		c.t.scheduler.reload(parseJobsConfig(after, 'config/jobs.yaml', c.t.root.dir));
		await c.see('Jobs (1)');

		await c.press('f');
		for (const key of ['r', 'p', 'b']) {
			await c.gone('no job "import_fills"');
			await c.press(key);
			const answer = await c.see('no job "import_fills" in jobs.yaml now');
			expect(answer).not.toContain('no job selected');
		}
	});
});

import {describe, expect, it} from 'vitest';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();

describe('the header\'s failed count', () => {
	it('counts a failed attempt when it ends, its retry still to come (docs/console.md, Header)', async () => {
		const c = await open(`jobs:
  - {id: fine, trigger: manual, module: jobs/ok.ts}
  - {id: flaky, trigger: manual, module: jobs/throws.ts, retries: 1, retry_backoff: 1h}
`);
		await c.see('Jobs (2)');
		for (let run = 0; run < 3; run++) {
			await c.run('fine');
		}

		await c.run('flaky');
		const header = (await c.see('today 4 runs')).split('\n')[0]!;
		expect(header).toContain('today 4 runs · 75% ok · 1 failed');
		expect(c.t.started.filter(run => run.jobId === 'flaky')).toHaveLength(1);
	});
});

import {describe, it} from 'vitest';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();

describe('the log panel and a job\'s structured log lines', () => {
	it('shows a module job\'s fields after its message, as `run` and `logs` do (jobs/ok.ts logs {i} with each step)', async () => {
		const c = await open(`jobs:
  - {id: stepper, trigger: manual, module: jobs/ok.ts}
`);
		await c.run('stepper');
		await c.see(/step {2}i=1\n[^\n]*step {2}i=2\n[^\n]*step {2}i=3\n[^\n]*step {2}i=4/);
	});
});

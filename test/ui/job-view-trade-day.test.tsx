import {describe, expect, it} from 'vitest';
import {failedRunJobView} from '../helpers/failed-run-job-view.js';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();

describe('the job view\'s runs', () => {
	it('head the day a run was for TRADE DAY, as sage-console history does: Saturday\'s run is for Friday', async () => {
		// Given: Saturday 2026-12-05, a run of a failing job (its trade day is Friday 12-04), in an 80-column terminal.
		const c = await open(`jobs:
  - {id: broken, trigger: manual, module: jobs/throws.ts}
`, {now: Date.parse('2026-12-05T10:00:00+08:00'), size: {columns: 80, rows: 24}});
		// When: its failed run is there, Enter opens its view.
		const view = await failedRunJobView(c, 'broken');
		// Then: the column says what it is, whole, beside the whole error heading, and shows Friday under it.
		expect(view).toMatch(/RUN +TRIGGER +TRADE DAY +STATUS +STARTED +DURATION +ERROR \/ RESULT/);
		expect(view).toMatch(/1 +manual +12-04 +✗ failed /);
	});
});

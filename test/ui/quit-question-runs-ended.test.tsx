import {describe, expect, it} from 'vitest';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();

const jobsYaml = `jobs:
  - id: sleepy
    trigger: manual
    module: jobs/hangs.ts
`;

describe('the quit question when the live runs end while it is asked', () => {
	it('says the runs have ended, not "0 runs live", and w quits', async () => {
		// Given a live run and the quit question about it
		const {t, see, press, quits} = await open(jobsYaml);
		await see('sleepy');
		const run = t.scheduler.submit('sleepy');
		await see('running 1');
		await press('q');
		await see('1 run live. Quit?');

		// When the run ends (another client cancels it) while the question is up
		t.scheduler.cancel(run.ok ? run.run.id : 0);
		await see('running 0');

		// Then the question says so and an answer quits
		const screen = await see('the live runs have ended. Quit?  w or c: quit now · s/Esc: stay');
		expect(screen).not.toContain('0 runs live');
		expect(quits).toEqual([]);
		await press('w');
		expect(quits).toEqual(['wait']);
	});
});

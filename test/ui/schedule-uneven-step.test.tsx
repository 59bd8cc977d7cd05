/**
 * A step that does not divide its field starts again at 0 each minute (hour, day): `*\/45` on the seconds
 * fires at :00 and :45, 45 s then 15 s apart. The Jobs panel said `every 45s` for it, beside a job view
 * whose next fires (04:27:45, 04:28:00, 04:28:45) said otherwise; it now names the times (`at 0s,45s`).
 */
import {describe, expect, it} from 'vitest';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();
const jobsYaml = `jobs:
  - id: tick_45s
    cron: "*/45 * * * * *"
    command: ["true"]
  - id: tick_20s
    cron: "*/20 * * * * *"
    command: ["true"]
  - id: quotes_25min
    cron: "*/25 * * * *"
    command: ["true"]
  - id: hours_7
    cron: "30 */7 * * *"
    command: ["true"]
  - id: minutes_7
    cron: "*/7 * * * *"
    command: ["true"]
`;

const rowOf = (screen: string, jobId: string) => screen.split('\n').find(line => line.includes(` ${jobId} `)) ?? '';

describe('schedules in words with a step that does not divide its field', () => {
	it('names the times of an uneven step, and keeps "every" for an even one', async () => {
		const c = await open(jobsYaml, {size: {columns: 120, rows: 30}});
		const screen = await c.see('Jobs (5)');
		expect(rowOf(screen, 'tick_45s')).toMatch(/ at 0s,45s /);
		expect(rowOf(screen, 'tick_20s')).toContain('every 20s');
		expect(rowOf(screen, 'quotes_25min')).toMatch(/ at :00,:25,:50 /);
		expect(rowOf(screen, 'hours_7')).toContain('daily 00:30,07:30,14:30,21:30');
		// Nine times would read worse than the pattern: the pattern as written.
		expect(rowOf(screen, 'minutes_7')).toContain('*/7 * * * *');
		expect(screen).not.toMatch(/every (45s|25 min|7 min|7h)/);
	});
});

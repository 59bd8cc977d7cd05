/**
 * The Jobs panel's NEXT on a narrow terminal: a fire of another day (`11-21 02:30 in 10h01m`) in a column
 * narrowed to fit 60 columns gives up its day, whole, and keeps the time and countdown
 * (`02:30 in 10h01m`), where it read `11-21 02:30 i…`, cut inside the countdown.
 */
import {describe, expect, it} from 'vitest';
import {consoleHarness} from './console-harness.js';

const open = consoleHarness();
// Friday 20 Nov 2026 16:28:30 in Shanghai (the harness's clock): the backup's next fire is tomorrow's 02:30.
const jobsYaml = `jobs:
  - id: nightly_backup
    cron: "30 2 * * *"
    command: ["true"]
  - id: weekly_report_x
    cron: "0 9 * * 1"
    command: ["true"]
`;

describe('the Jobs panel at 60 columns', () => {
	it('drops the day of a far fire rather than cutting its countdown', async () => {
		const c = await open(jobsYaml, {size: {columns: 60, rows: 20}});
		const screen = await c.see('Jobs (2)');
		const row = screen.split('\n').find(line => line.includes('nightly_backup')) ?? '';
		expect(row).toMatch(/ 02:30 in 10h01m /);
		expect(row).not.toContain('…');
	});
});

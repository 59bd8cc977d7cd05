/**
 * calendar.yaml's `years: {2026: [...]}` replaces the closures shipped for 2026 whole: one written to add
 * an emergency closure made that year's holidays trading days, and validate said OK. validate now warns,
 * naming the shipped days the list leaves out; a year listed whole (the shipped days and more), or one
 * nothing is shipped for, is not warned about. An `open_days` date on a weekend, which weekends being always
 * closed ignores, is warned about too (it was counted as an open day, silently). A scheduler warns in its log too, at start and when an edit
 * brings such a year. The built CLI, a real headless scheduler, the shipped closures as the product has them.
 */
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {makeTempRoot} from '../helpers/temp-root.js';

const shipped = (JSON.parse(readFileSync(new URL('../../src/market/sse-closures.json', import.meta.url), 'utf8')) as {closed_weekdays: Record<string, string[]>}).closed_weekdays;
const processes = trackHeadlessProcesses();
const jobsYaml = 'jobs:\n  - {id: a, cron: "0 9 * * *", calendar: trading-days, command: ["true"]}\n';

function validate(calendarYaml: string) {
	const root = makeTempRoot({'config/jobs.yaml': jobsYaml, 'config/calendar.yaml': calendarYaml});
	try {
		return runCli(['validate', '--root', root.dir]);
	} finally {
		root.remove();
	}
}

describe('validate, on a calendar.yaml year that leaves out shipped closures', () => {
	it('warns, naming the shipped days that would count as trading days', () => {
		const result = validate('years:\n  2026: [2026-03-05]\n');
		expect(result.code).toBe(0);
		const [first, second] = shipped['2026']!;
		expect(result.stderr).toContain(`calendar.yaml: warning: years: 2026 replaces the ${shipped['2026']!.length} closures shipped for 2026, and leaves out ${shipped['2026']!.length} of them, which count as trading days: ${first}, ${second}, `);
		expect(result.stderr).toContain('to add a day to a shipped year, list it under closures: instead');
	});

	it('says nothing of a year listed whole, or of one nothing is shipped for', () => {
		const whole = [...shipped['2026']!, '2026-03-05'];
		const result = validate(`years:\n  2026: [${whole.join(', ')}]\n  2099: [2099-01-01]\n`);
		expect(result.code).toBe(0);
		expect(result.stderr).not.toContain('warning');
	});
});

describe('validate, on open_days that fall on a weekend', () => {
	it('warns that they are ignored, and says nothing of a weekday one', () => {
		// 7 March 2026 is a Saturday, 8 March a Sunday, 6 March a Friday.
		const result = validate('open_days: [2026-03-06, 2026-03-07, 2026-03-08]\n');
		expect(result.code).toBe(0);
		expect(result.stderr).toContain('calendar.yaml: warning: open_days: 2026-03-07 (Sat), 2026-03-08 (Sun) are weekend days, always closed (a make-up Saturday is no trading day): ignored');
		expect(result.stderr).not.toContain('2026-03-06');
	});
});

describe('a scheduler, on a calendar.yaml year that leaves out shipped closures', () => {
	it('warns in its log at start, and when an edit brings one', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml, 'config/calendar.yaml': 'years:\n  2026: [2026-03-05]\n'});
		const headless = processes.start(root.dir);
		await schedulerStarted(headless);
		const warned = (year: string) => headless.output().stdout.split('\n').some(line => line.includes('"level":40') && line.includes(`calendar.yaml: years: ${year} replaces the `));
		await waitFor(() => warned('2026'), 30_000, 'the start\'s warning');

		writeFileSync(path.join(root.dir, 'config/calendar.yaml'), 'years:\n  2025: [2025-01-01]\n');
		const reply = runCli(['reload', '--root', root.dir]);
		expect(reply.stdout + reply.stderr).toContain('warning: calendar.yaml: years: 2025 replaces the ');
		await waitFor(() => warned('2025'), 30_000, 'the edit\'s warning');
	}, 90_000);
});


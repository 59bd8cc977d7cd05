/**
 * calendar.yaml's `years: {2026: [...]}` replaces the closures shipped for 2026 whole: one written to add
 * an emergency closure made that year's holidays trading days, and validate said OK. validate now warns,
 * naming the shipped days the list leaves out; a year listed whole (the shipped days and more), or one
 * nothing is shipped for, is not warned about. The built CLI, the shipped closures as the product has them.
 */
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

const shipped = (JSON.parse(readFileSync(new URL('../../src/market/sse-closures.json', import.meta.url), 'utf8')) as {closed_weekdays: Record<string, string[]>}).closed_weekdays;
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

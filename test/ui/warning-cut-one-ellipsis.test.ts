/**
 * A ⚠ row cut to the rows left ends in one `…`: a jobs.yaml edit with ten problems at 80×24 showed the
 * second as `⚠ config not applied: /tmp/qa-ui/config/jobs.yaml:856:13: module file not foun……`, the
 * row's own cut and the "more follows" mark both. The header's ⚠ rows as warningRows gives them.
 */
import {expect, it} from 'vitest';
import {warningRows, warningRowBudget} from '../../src/ui/warning-rows.js';
import {displayWidth} from '../../src/ui/text-fit.js';

const problems = Array.from({length: 5}, (_, index) => [
	{text: `config not applied: /tmp/qa-ui/config/jobs.yaml:${855 + (3 * index)}:11: cron "bad cron ${index}" has 3 fields; give 5 (minute hour day month weekday) or 6 (seconds first)`, config: true},
	{text: `config not applied: /tmp/qa-ui/config/jobs.yaml:${856 + (3 * index)}:13: module file not found: jobs/missing_${index}.ts`, config: true},
]).flat();

it('ends a cut ⚠ row in one … at 80 columns', () => {
	const rows = warningRows(problems, 80, warningRowBudget(24));
	expect(rows).toHaveLength(4);
	for (const row of rows) {
		expect(row).not.toContain('……');
		expect(displayWidth(row)).toBeLessThanOrEqual(80);
	}

	expect(rows[2]).toMatch(/^⚠ config not applied: \/tmp\/qa-ui\/config\/jobs\.yaml:856:13: module file not \S*…$/);
	expect(rows[3]).toBe('⚠ … 8 more problems; sage-console validate for all');
});

it('ends a warning cut at its third row in one … too', () => {
	const rows = warningRows([{text: 'disk nearly full: '.repeat(20), config: false}, {text: 'history writes waiting on a locked database', config: false}], 80, 3);
	expect(rows[1]).toMatch(/[^…]…$/);
	expect(rows.join('\n')).not.toContain('……');
});

import type {CalendarData} from './trading-calendar.js';

/** How many of the days a warning names before it counts the rest. */
const daysNamed = 5;

/**
 * calendar.yaml's `years:` entries that leave out closures shipped for that year: a year listed there
 * replaces the shipped one whole, so a `years: {2026: [2026-03-05]}` meant to add one emergency
 * closure made the year's holidays trading days, and jobs ran on them. One warning per such year.
 */
export function yearOverrideWarnings(userYears: CalendarData['closedWeekdays'], shipped: CalendarData['closedWeekdays']): string[] {
	const warnings: string[] = [];
	for (const [year, days] of Object.entries(userYears)) {
		const listed = new Set(days);
		const left = (shipped[year] ?? []).filter(day => !listed.has(day));
		if (left.length > 0) {
			const named = left.slice(0, daysNamed).join(', ') + (left.length > daysNamed ? `, and ${left.length - daysNamed} more` : '');
			warnings.push(`years: ${year} replaces the ${shipped[year]!.length} closures shipped for ${year}, and leaves out ${left.length} of them, which count as trading days: ${named}; to add a day to a shipped year, list it under closures: instead`);
		}
	}

	return warnings;
}

/**
 * Plain-words problems in a cron string, found before croner parses it: croner's own messages name
 * fields by index and values off by one ("Invalid value for nearestWeekdays: 31" for `32W`). Whatever
 * this lets through, croner still judges.
 */

/** `ownValues`: this check reports out-of-range values itself (croner counts these fields from 0, so its numbers are off by one). */
type FieldRule = {name: string; min: number; max: number; names?: readonly string[]; ownValues?: boolean};

const second: FieldRule = {name: 'second', min: 0, max: 59};
const minute: FieldRule = {name: 'minute', min: 0, max: 59};
const hour: FieldRule = {name: 'hour', min: 0, max: 23};
const dayOfMonth: FieldRule = {name: 'day-of-month', min: 1, max: 31, ownValues: true};
const month: FieldRule = {name: 'month', min: 1, max: 12, ownValues: true, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']};
const dayOfWeek: FieldRule = {name: 'day-of-week', min: 0, max: 7, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']};

function checkItem(rule: FieldRule, item: string, field: string): string | undefined {
	if (item === '') {
		return `${rule.name} field "${field}" has an empty item: a comma with nothing on one side`;
	}

	// Names count as their numbers; what is left must be numbers, ranges, steps and the letters croner knows.
	const named = rule.names ? item.toLowerCase().replace(/[a-z]{3}/g, name => {
		const index = rule.names!.indexOf(name);
		return index === -1 ? name : String(index + rule.min);
	}) : item;
	const step = /\/(\d+)$/.exec(named);
	if (step && Number(step[1]) < 1) {
		return `the step in ${rule.name} "${item}" must be at least 1`;
	}

	if (step && Number(step[1]) > rule.max - rule.min + 1) {
		return `the step ${step[1]} in ${rule.name} "${item}" is larger than the field's range ${rule.min}-${rule.max}`;
	}

	const body = named.replace(/\/\d+$/, '');
	const nth = /#(\d+)$/.exec(body);
	if (nth && (Number(nth[1]) < 1 || Number(nth[1]) > 5)) {
		return `"${item}": a weekday's position in the month is 1-5 (or L), not ${nth[1]}`;
	}

	const values = rule.ownValues || /[wl#]/i.test(body) ? body.replace(/#\w+$/, '').match(/\d+/g)?.map(Number) ?? [] : [];
	for (const value of values) {
		if (value < rule.min || value > rule.max) {
			return `${rule.name} ${value} in "${item}" is outside ${rule.min}-${rule.max}`;
		}
	}

	const range = /^(\d+)-(\d+)/.exec(body);
	if (range && Number(range[2]) < Number(range[1])) {
		return `${rule.name} range "${item}" runs backwards`;
	}

	return undefined;
}

/** The first problem croner would report less clearly, or undefined. `fields` is the pattern split on spaces. */
export function cronStringProblem(fields: readonly string[]): string | undefined {
	const rules = fields.length === 6 ? [second, minute, hour, dayOfMonth, month, dayOfWeek] : [minute, hour, dayOfMonth, month, dayOfWeek];
	for (const [index, rule] of rules.entries()) {
		const field = fields[index] ?? '';
		const items = field.replace(/^\+/, '').split(',');
		for (const item of items) {
			const problem = checkItem(rule, item, field);
			if (problem) {
				return problem;
			}
		}
	}

	return undefined;
}

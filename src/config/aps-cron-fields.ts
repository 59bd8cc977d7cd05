/**
 * APScheduler CronTrigger fields → a croner pattern, with APScheduler's exact meaning:
 * `day_of_week` 0 = Monday (or mon..sun); day-of-month and day-of-week combine with AND;
 * fields left out below the smallest given one default to their minimum, the others to `*`.
 */

export const apsFieldNames = ['year', 'month', 'day', 'week', 'day_of_week', 'hour', 'minute', 'second'] as const;
export type ApsField = (typeof apsFieldNames)[number];
export type ApsFields = Partial<Record<ApsField, string | number>>;

export type ApsTranslation =
	| {ok: true; pattern: string; isoWeeks?: Set<number>}
	| {ok: false; field: ApsField; message: string};

const bounds: Record<ApsField, [number, number]> = {
	year: [1970, 2199],
	month: [1, 12],
	day: [1, 31],
	week: [1, 53],
	day_of_week: [0, 6],
	hour: [0, 23],
	minute: [0, 59],
	second: [0, 59],
};

/** APScheduler: DEFAULT_VALUES, used for the fields below the smallest given one. */
const defaultValues: Record<ApsField, string> = {
	year: '*', month: '1', day: '1', week: '*', day_of_week: '*', hour: '0', minute: '0', second: '0',
};

const weekdayNames = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const monthNames = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ordinals: Record<string, number> = {'1st': 1, '2nd': 2, '3rd': 3, '4th': 4, '5th': 5};

class FieldError extends Error {
	override name = 'FieldError';
}

function parseValue(field: ApsField, token: string): number {
	if (field === 'day_of_week') {
		const index = weekdayNames.indexOf(token);
		if (index !== -1) {
			return index;
		}
	}

	if (field === 'month') {
		const index = monthNames.indexOf(token);
		if (index !== -1) {
			return index + 1;
		}
	}

	if (!/^\d+$/.test(token)) {
		throw new FieldError(`"${token}" is not a valid ${field} value`);
	}

	const value = Number(token);
	const [min, max] = bounds[field];
	if (value < min || value > max) {
		throw new FieldError(`${field} value ${value} is out of range ${min}-${max}`);
	}

	return value;
}

/** Expands one comma-separated APScheduler expression into the set of values it matches. */
function expandNumeric(field: ApsField, expression: string): Set<number> {
	const [min, max] = bounds[field];
	const values = new Set<number>();
	for (const rawTerm of expression.split(',')) {
		const term = rawTerm.trim();
		const match = /^(\*|[a-z\d]+)(?:-([a-z\d]+))?(?:\/(\d+))?$/.exec(term);
		if (!match) {
			throw new FieldError(`"${term}" is not a valid ${field} expression`);
		}

		const [, first = '*', last, stepText] = match;
		const step = stepText === undefined ? 1 : Number(stepText);
		if (step < 1) {
			throw new FieldError(`step must be at least 1 in "${term}"`);
		}

		let start = min;
		let end = max;
		if (first !== '*') {
			start = parseValue(field, first);
			end = last === undefined ? (stepText === undefined ? start : max) : parseValue(field, last);
		} else if (last !== undefined) {
			throw new FieldError(`"${term}" is not a valid ${field} expression`);
		}

		if (end < start) {
			throw new FieldError(`range "${term}" runs backwards`);
		}

		for (let value = start; value <= end; value += step) {
			values.add(value);
		}
	}

	return values;
}

const list = (values: Iterable<number>) => [...values].sort((a, b) => a - b).join(',');

function isWildcard(expression: string): boolean {
	return expression === '*';
}

type DayParts = {dom: string; dowFromDay?: string};

/** The `day` field also takes `last`, `last fri` and `2nd mon`. */
function translateDay(expression: string): DayParts {
	const terms = expression.split(',').map(t => t.trim());
	const numeric: string[] = [];
	const weekdayOfMonth: string[] = [];
	let lastDay = false;
	for (const term of terms) {
		const nth = /^(1st|2nd|3rd|4th|5th|last) (mon|tue|wed|thu|fri|sat|sun)$/.exec(term);
		if (nth) {
			const croner = (weekdayNames.indexOf(nth[2]!) + 1) % 7;
			weekdayOfMonth.push(`${croner}#${nth[1] === 'last' ? 'L' : ordinals[nth[1]!]}`);
		} else if (term === 'last') {
			lastDay = true;
		} else {
			numeric.push(term);
		}
	}

	if (weekdayOfMonth.length > 0 && (numeric.length > 0 || lastDay)) {
		throw new FieldError('day cannot mix weekday-of-month terms ("2nd mon") with days of the month');
	}

	if (weekdayOfMonth.length > 0) {
		return {dom: '*', dowFromDay: weekdayOfMonth.join(',')};
	}

	const days = numeric.length > 0 ? list(expandNumeric('day', numeric.join(','))) : '';
	return {dom: [days, lastDay ? 'L' : ''].filter(Boolean).join(',')};
}

export function translateApsFields(given: ApsFields): ApsTranslation {
	const expressions = {} as Record<ApsField, string>;
	const givenNames = apsFieldNames.filter(name => given[name] !== undefined);
	const smallestGiven = givenNames.at(-1);
	let passedSmallest = false;
	for (const name of apsFieldNames) {
		const value = given[name];
		if (value === undefined) {
			expressions[name] = passedSmallest ? defaultValues[name] : '*';
		} else {
			expressions[name] = String(value).trim().toLowerCase();
		}

		if (name === smallestGiven) {
			passedSmallest = true;
		}
	}

	let current: ApsField = 'year';
	try {
		const field = (name: ApsField) => {
			current = name;
			return isWildcard(expressions[name]) ? '*' : list(expandNumeric(name, expressions[name]));
		};

		const second = field('second');
		const minute = field('minute');
		const hour = field('hour');
		const month = field('month');
		const year = field('year');
		current = 'day';
		const day = isWildcard(expressions.day) ? {dom: '*'} : translateDay(expressions.day);
		current = 'day_of_week';
		let dow = isWildcard(expressions.day_of_week)
			? '*'
			: list([...expandNumeric('day_of_week', expressions.day_of_week)].map(d => (d + 1) % 7));
		if (day.dowFromDay) {
			if (dow !== '*') {
				throw new FieldError('day_of_week cannot be combined with a weekday-of-month day ("2nd mon")');
			}

			dow = day.dowFromDay;
		}

		current = 'week';
		const weeks = isWildcard(expressions.week) ? undefined : expandNumeric('week', expressions.week);
		const pattern = `${second} ${minute} ${hour} ${day.dom} ${month} ${dow} ${year}`;
		return weeks ? {ok: true, pattern, isoWeeks: weeks} : {ok: true, pattern};
	} catch (error) {
		if (error instanceof FieldError) {
			return {ok: false, field: current, message: error.message};
		}

		throw error;
	}
}

import type {ApsDaySpec} from '../core/triggers/aps-cron-spec.js';
import {describeSyntax, FieldError, numericTerm, terms, weekdayNames} from './aps-field-expression.js';

const positionNames = ['1st', '2nd', '3rd', '4th', '5th'];

/** The `day` field also takes `last`, `last fri` and `2nd mon`, mixed freely with numbers (a union). */
export function expandDay(expression: string): ApsDaySpec {
	if (expression === '*') {
		return {all: true, numbers: [], last: false, positions: []};
	}

	const numbers = new Set<number>();
	const positions: Array<{weekday: number; ordinal: number}> = [];
	let last = false;
	let all = false;
	for (const term of terms('day', expression)) {
		const position = /^(1st|2nd|3rd|4th|5th|last) +([a-z]+)$/.exec(term);
		if (position) {
			const weekday = weekdayNames.indexOf(position[2]!);
			if (weekday === -1) {
				throw new FieldError(`"${position[2]}" in "${term}" is not a weekday name (${weekdayNames.join(', ')})`);
			}

			positions.push({weekday, ordinal: position[1] === 'last' ? -1 : positionNames.indexOf(position[1]!) + 1});
		} else if (term === 'last') {
			last = true;
		} else if (term === '*') {
			all = true;
		} else if (!numericTerm('day', term, numbers)) {
			throw new FieldError(`"${term}" is not a day expression (${describeSyntax('day')})`);
		}
	}

	return {all, numbers: [...numbers].sort((a, b) => a - b), last, positions};
}

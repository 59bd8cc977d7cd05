import type {ApsCronSpec} from '../core/triggers/aps-cron-spec.js';
import type {ApsField} from './aps-field-names.js';

/** A 6/7-field croner-style pattern that describes the spec for src/core/triggers/describe-schedule.ts. */
export function displayPattern(spec: ApsCronSpec, written: Record<ApsField, string>): string {
	const list = (field: ApsField, values: readonly number[]) => (written[field] === '*' ? '*' : values.join(','));
	const day = spec.days;
	let dom = 'x';
	if (day.all) {
		dom = '*';
	} else if (day.positions.length === 0 && !day.last) {
		dom = day.numbers.join(',');
	} else if (day.positions.length === 0 && day.numbers.length === 0) {
		dom = 'L';
	}

	const dow = written.day_of_week === '*' ? '*' : spec.weekdays.map(d => (d + 1) % 7).join(',');
	return `${list('second', spec.seconds)} ${list('minute', spec.minutes)} ${list('hour', spec.hours)} ${dom} ${list('month', spec.months)} ${dow} ${list('year', spec.years)}`;
}

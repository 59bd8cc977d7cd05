import type {ApsCronSpec} from './aps-cron-spec.js';

/** croner 11's schedule nicknames (its @reboot aside) and the patterns they stand for. */
export const cronNicknames: Readonly<Record<string, string>> = {
	'@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0',
	'@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *',
};

const repeats = (field: string) => field.includes('*') || field.includes('?') || field.includes('/');

/**
 * A fixed-time schedule names its times of day outright: no `*`, `?` or step in its second, minute and
 * hour fields (lists and ranges are fine: `30 9,14 * * *` is two fixed times). It fires a time that a DST
 * fall-back repeats once, at the first occurrence; any other schedule fires at both. This is Vixie cron's
 * rule (and croner 11's `fixedTimeRule: "no-wildcard"`), applied to second, minute and hour alike.
 */
export function isFixedTimePattern(pattern: string): boolean {
	const text = pattern.trim();
	const fields = (cronNicknames[text.toLowerCase()] ?? text).split(/\s+/);
	const [second, minute, hour] = fields.length >= 6 ? fields : ['0', ...fields];
	return ![second, minute, hour].some(field => field === undefined || repeats(field));
}

/** The same rule for APScheduler fields, from the text each was written with (a field left out above the given ones is `*`). */
export function isFixedTimeFields(written: Partial<Record<'hour' | 'minute' | 'second', string>>, spec: Pick<ApsCronSpec, 'hours' | 'minutes' | 'seconds'>): boolean {
	const sizes = {hour: spec.hours.length, minute: spec.minutes.length, second: spec.seconds.length};
	return (['hour', 'minute', 'second'] as const).every(name => {
		const text = written[name];
		return text === undefined ? sizes[name] === 1 : !repeats(text);
	});
}

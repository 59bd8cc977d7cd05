import {formatDuration} from '../../config/quantities.js';
import {continuousSessions} from '../../market/market-session.js';
import {zonedDate, zonedClock} from '../../time/zoned-time.js';
import type {JobDefinition, TimeWindow} from '../job-definition.js';

const dayNames = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const isNumber = (field: string) => /^\d+$/.test(field);
const pad = (n: string) => n.padStart(2, '0');

/**
 * The values of a step over a whole field (star, slash, N) that counts to `period` (60 seconds or
 * minutes, 24 hours); `even` when N divides the period. Otherwise the step starts again at 0 each minute,
 * hour or day (croner's rule, cron's): a step of 45 on the seconds fires at :00 and :45, 45 s then 15 s
 * apart, which "every 45s" would misstate.
 */
function stepOf(field: string, period: number): {step: number; even: boolean; values: number[]} | undefined {
	const match = /^\*\/(\d+)$/.exec(field);
	const step = Number(match?.[1]);
	if (!match || step < 1 || step >= period) {
		return undefined;
	}

	const values = Array.from({length: Math.ceil(period / step)}, (_, index) => index * step);
	return {step, even: period % step === 0, values};
}

/**
 * At most this many times are listed for an uneven step; more read worse than the pattern itself. The
 * times come first (`at 0s,40s`, `at :00,:25,:50`): the Jobs panel cuts its SCHEDULE at 14 cells at 80
 * columns, and `each minute at 0s,40s` was cut to `each minute a…`.
 */
const listedTimes = 4;

function describeDays(dow: string): string | undefined {
	if (dow === '*' || dow === '?') {
		return 'daily';
	}

	if (/^\d(-\d)?$/.test(dow)) {
		const [from, to] = dow.split('-').map(d => dayNames[Number(d) % 7]);
		return to ? `${from}-${to}` : from;
	}

	if (/^\d(,\d)+$/.test(dow)) {
		const days = dow.split(',').map(Number);
		if (days.join(',') === '1,2,3,4,5') {
			return 'Mon-Fri';
		}

		return days.map(d => dayNames[d % 7]).join(',');
	}

	return undefined;
}

function describeCronFields(pattern: string): string | undefined {
	let fields = pattern.trim().split(/\s+/);
	if (fields.length === 5) {
		fields = ['0', ...fields];
	}

	const [second = '', minute = '', hour = '', dom = '', month = '', dow = '', year = '*'] = fields;
	if (month !== '*' || year !== '*') {
		return undefined;
	}

	const allDays = dom === '*' && (dow === '*' || dow === '?');
	if (allDays && hour === '*' && minute === '*') {
		if (second === '*') {
			return 'every second';
		}

		const step = stepOf(second, 60);
		if (step?.even) {
			return `every ${step.step}s`;
		}

		return step && step.values.length <= listedTimes ? `at ${step.values.map(value => `${value}s`).join(',')}` : undefined;
	}

	if (allDays && hour === '*' && isNumber(second)) {
		if (minute === '*') {
			return 'every minute';
		}

		const step = stepOf(minute, 60);
		if (step?.even) {
			return `every ${step.step} min`;
		}

		if (step) {
			return step.values.length <= listedTimes ? `at ${step.values.map(value => `:${pad(String(value))}`).join(',')}` : undefined;
		}

		return isNumber(minute) ? `hourly at :${pad(minute)}` : undefined;
	}

	if (!isNumber(second) || !isNumber(minute)) {
		return undefined;
	}

	const step = stepOf(hour, 24);
	if (step && allDays) {
		if (step.even) {
			return `every ${step.step}h at :${pad(minute)}`;
		}

		return step.values.length <= listedTimes ? `daily ${step.values.map(value => `${pad(String(value))}:${pad(minute)}`).join(',')}` : undefined;
	}

	if (!isNumber(hour)) {
		return undefined;
	}

	const time = `${pad(hour)}:${pad(minute)}${second === '0' ? '' : `:${pad(second)}`}`;
	if (dom === 'L' && dow === '*') {
		return `last day of month ${time}`;
	}

	if (isNumber(dom) && (dow === '*' || dow === '?')) {
		return `monthly day ${dom} ${time}`;
	}

	if (dom !== '*') {
		return undefined;
	}

	const days = describeDays(dow);
	return days ? `${days} ${time}` : undefined;
}

const clock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

function describeWindows(windows: readonly TimeWindow[]): string {
	const isTradingHours = windows.length === continuousSessions.length
		&& windows.every((w, i) => w.startMinute === continuousSessions[i]!.startMinute && w.endMinute === continuousSessions[i]!.endMinute);
	return isTradingHours ? 'trading hours' : windows.map(w => `${clock(w.startMinute)}-${clock(w.endMinute)}`).join(',');
}

/** "every 5 min · trading hours", "Mon-Fri 16:30 · trading days", "every 4h · until 2026-12-31 18:00", "after fetch_daily_data". */
export function describeSchedule(job: JobDefinition): string {
	const trigger = job.trigger;
	let base: string;
	switch (trigger.kind) {
		case 'cron': {
			// An ISO week has no place in a cron pattern's words: say the fields as written.
			base = (trigger.aps?.weeks ? undefined : describeCronFields(trigger.pattern)) ?? trigger.description;
			break;
		}

		case 'interval': {
			base = `every ${formatDuration(trigger.everyMs).replace(/^(\d+)\.0s$/, '$1s').replace(/^(\d+)m00s$/, '$1 min').replace(/^(\d+)h00m$/, '$1h')}`;
			break;
		}

		case 'date': {
			base = `once ${zonedDate(trigger.runDate, job.timezone)} ${zonedClock(trigger.runDate, job.timezone).slice(0, 5)}`;
			break;
		}

		case 'none': {
			base = job.after.length > 0 ? `after ${job.after.join(', ')}` : 'manual';
			break;
		}
	}

	const extras: string[] = [];
	if ((trigger.kind === 'cron' || trigger.kind === 'interval') && trigger.endDate) {
		extras.push(`until ${zonedDate(trigger.endDate, job.timezone)} ${zonedClock(trigger.endDate, job.timezone).slice(0, 5)}`);
	}

	if (job.calendar === 'trading-days') {
		extras.push('trading days');
	} else if (job.calendar === 'non-trading-days') {
		extras.push('non-trading days');
	}

	if (job.tradingDayOfMonth !== undefined) {
		extras.push(`${job.tradingDayOfMonth === 1 ? 'first' : 'last'} trading day of month`);
	}

	if (job.tradingDayOfWeek !== undefined) {
		extras.push(`${job.tradingDayOfWeek === 1 ? 'first' : 'last'} trading day of week`);
	}

	if (job.windows) {
		extras.push(describeWindows(job.windows));
	}

	// A heartbeat job loads with an empty group as its target (nothing runs for it): it is no group.
	if (job.heartbeat) {
		extras.push('heartbeat');
	} else if (job.target.kind === 'group') {
		extras.push(`${job.target.mode} group of ${job.target.members.length}`);
	}

	if (trigger.kind !== 'none' && job.after.length > 0) {
		extras.push(`after ${job.after.join(', ')}`);
	}

	return [base, ...extras].join(' · ');
}

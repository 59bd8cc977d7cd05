import {cronNicknames} from '../core/triggers/fixed-time.js';

const nicknameList = Object.keys(cronNicknames).join(', ');

const everyUnits: Record<string, string> = {w: 'weeks', d: 'days', h: 'hours', m: 'minutes', s: 'seconds'};

/** `5m`, `1h30m`, `90s` (Go's and robfig/cron's `@every` durations) as interval fields: `minutes: 5`; undefined when it is not one. */
function everyAsIntervalFields(duration: string): string | undefined {
	const parts = [...duration.matchAll(/(\d+)([wdhms])/g)];
	if (parts.length === 0 || parts.map(part => part[0]).join('') !== duration) {
		return undefined;
	}

	return parts.map(([, count, unit]) => `${everyUnits[unit!]}: ${count}`).join(', ');
}

/**
 * What is wrong with a cron string written as `@word` (croner alone says it needs "five, six, or seven
 * space separated parts"), or undefined for one of croner 11's nicknames standing alone. `@every`
 * (robfig/cron, Go) is an interval, not a cron schedule: the problem says the `trigger: interval`
 * fields to write instead.
 */
export function cronNicknameProblem(pattern: string): string | undefined {
	const [word = '', ...rest] = pattern.trim().split(/\s+/);
	const nickname = word.toLowerCase();
	if (nickname in cronNicknames) {
		return rest.length === 0 ? undefined : `${word} stands alone: nothing may follow it`;
	}

	if (nickname === '@every') {
		const fields = rest.length === 1 ? everyAsIntervalFields(rest[0]!.toLowerCase()) : undefined;
		return `@every is not a cron nickname: for a fixed interval write trigger: interval with ${fields ?? 'weeks, days, hours, minutes or seconds'} (instead of cron:)`;
	}

	if (nickname === '@reboot') {
		return '@reboot is not supported: schedules here fire by the clock, not when the box starts';
	}

	return `${word} is not a cron nickname; the nicknames are ${nicknameList}, or give 5 fields (minute hour day month weekday) or 6 (seconds first)`;
}

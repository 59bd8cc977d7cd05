import {Cron} from 'croner';
import {zonedInstant} from '../time/zoned-time.js';
import type {TriggerSpec} from '../core/job-definition.js';
import {apsFieldNames, translateApsFields, type ApsFields} from './aps-cron-fields.js';
import type {MapReader} from './yaml-source.js';

export const intervalFieldNames = ['weeks', 'days', 'hours', 'minutes', 'seconds'] as const;
export const triggerKeys = ['cron', 'trigger', ...apsFieldNames, ...intervalFieldNames, 'start_date', 'run_date'] as const;

const intervalUnitMs: Record<(typeof intervalFieldNames)[number], number> = {
	weeks: 604_800_000, days: 86_400_000, hours: 3_600_000, minutes: 60_000, seconds: 1000,
};

/** ISO text with an offset is absolute; without one it is wall time in the job's zone (as APScheduler reads it). */
export function parseDateTime(text: string, timeZone: string): Date | undefined {
	const trimmed = text.trim();
	if (/([zZ]|[+-]\d\d:?\d\d)$/.test(trimmed)) {
		const ms = Date.parse(trimmed);
		return Number.isNaN(ms) ? undefined : new Date(ms);
	}

	const match = /^(\d{4}-\d\d-\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d))?)?$/.exec(trimmed);
	if (!match) {
		return undefined;
	}

	const [, ymd, hour = '0', minute = '0', second = '0'] = match;
	const instant = zonedInstant(ymd!, timeZone, Number(hour), Number(minute), Number(second));
	return Number.isNaN(instant.getTime()) ? undefined : instant;
}

function cronTrigger(job: MapReader, timeZone: string): TriggerSpec | undefined {
	const pattern = job.string('cron');
	if (pattern === undefined) {
		return undefined;
	}

	const fields = pattern.trim().split(/\s+/);
	if (!pattern.trim().startsWith('@') && (fields.length < 5 || fields.length > 6)) {
		job.report('cron', `cron "${pattern}" has ${fields.length} fields; give 5 (minute hour day month weekday) or 6 (seconds first)`);
		return undefined;
	}

	try {
		new Cron(pattern, {timezone: timeZone, paused: true});
	} catch (error) {
		job.report('cron', `bad cron "${pattern}": ${(error as Error).message.replace(/^CronPattern: /, '')}`);
		return undefined;
	}

	return {kind: 'cron', pattern: pattern.trim(), andDays: false, description: pattern.trim()};
}

function apsCronTrigger(job: MapReader): TriggerSpec | undefined {
	const given: ApsFields = {};
	for (const name of apsFieldNames) {
		const value = job.value(name);
		if (value === undefined) {
			continue;
		}

		if (typeof value !== 'string' && typeof value !== 'number') {
			job.report(name, `${name} must be a number or an expression such as "1-5" or "*/2"`);
			return undefined;
		}

		given[name] = value;
	}

	const translated = translateApsFields(given);
	if (!translated.ok) {
		job.report(translated.field, translated.message);
		return undefined;
	}

	try {
		new Cron(translated.pattern, {paused: true, domAndDow: true});
	} catch (error) {
		job.reportKey('trigger', `these cron fields never match: ${(error as Error).message}`);
		return undefined;
	}

	const description = apsFieldNames.filter(name => given[name] !== undefined).map(name => `${name}=${given[name]}`).join(' ');
	return {kind: 'cron', pattern: translated.pattern, andDays: true, isoWeeks: translated.isoWeeks, description};
}

function intervalTrigger(job: MapReader, timeZone: string): TriggerSpec | undefined {
	let everyMs = 0;
	for (const name of intervalFieldNames) {
		const value = job.value(name);
		if (value === undefined) {
			continue;
		}

		if (typeof value !== 'number' || !(value >= 0)) {
			job.report(name, `${name} must be a non-negative number`);
			return undefined;
		}

		everyMs += value * intervalUnitMs[name];
	}

	if (everyMs < 1000) {
		job.reportKey('trigger', 'an interval trigger needs weeks, days, hours, minutes or seconds adding up to at least 1 second');
		return undefined;
	}

	const startText = job.string('start_date');
	if (startText === undefined) {
		return {kind: 'interval', everyMs};
	}

	const startDate = parseDateTime(startText, timeZone);
	if (!startDate) {
		job.report('start_date', `start_date "${startText}" is not a date-time (use 2026-01-05T09:00:00 or with an offset)`);
		return undefined;
	}

	return {kind: 'interval', everyMs, startDate};
}

function dateTrigger(job: MapReader, timeZone: string): TriggerSpec | undefined {
	const text = job.string('run_date');
	if (text === undefined) {
		job.reportKey('trigger', 'a date trigger needs run_date');
		return undefined;
	}

	const runDate = parseDateTime(text, timeZone);
	if (!runDate) {
		job.report('run_date', `run_date "${text}" is not a date-time (use 2026-01-05T09:00:00 or with an offset)`);
		return undefined;
	}

	return {kind: 'date', runDate};
}

function rejectForeignFields(job: MapReader, allowed: readonly string[], kind: string): boolean {
	let clean = true;
	for (const key of triggerKeys) {
		if (key !== 'trigger' && job.has(key) && !allowed.includes(key)) {
			job.reportKey(key, `${key} does not belong to ${kind}`);
			clean = false;
		}
	}

	return clean;
}

/** Reads `cron:` or the APScheduler-style `trigger:` fields of one job. */
export function readTrigger(job: MapReader, timeZone: string, hasAfter: boolean): TriggerSpec | undefined {
	if (job.has('cron')) {
		if (job.has('trigger')) {
			job.reportKey('trigger', 'give either cron or trigger, not both');
			return undefined;
		}

		return rejectForeignFields(job, ['cron'], 'a cron: job') ? cronTrigger(job, timeZone) : undefined;
	}

	const kind = job.oneOf('trigger', ['cron', 'interval', 'date', 'manual'] as const);
	if (kind === undefined) {
		if (job.has('trigger')) {
			return undefined;
		}

		if (hasAfter) {
			return rejectForeignFields(job, [], 'a job without a trigger') ? {kind: 'none'} : undefined;
		}

		job.source.report(job.map, 'job has no schedule: give cron:, trigger: (cron, interval, date or manual) or after:');
		return undefined;
	}

	switch (kind) {
		case 'cron': {
			return rejectForeignFields(job, apsFieldNames, 'trigger: cron') ? apsCronTrigger(job) : undefined;
		}

		case 'interval': {
			return rejectForeignFields(job, [...intervalFieldNames, 'start_date'], 'trigger: interval') ? intervalTrigger(job, timeZone) : undefined;
		}

		case 'date': {
			return rejectForeignFields(job, ['run_date'], 'trigger: date') ? dateTrigger(job, timeZone) : undefined;
		}

		case 'manual': {
			return rejectForeignFields(job, [], 'trigger: manual') ? {kind: 'none'} : undefined;
		}
	}
}

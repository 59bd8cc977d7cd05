import {CronPattern} from 'croner';
import type {TriggerSpec} from '../core/job-definition.js';
import {isFixedTimePattern} from '../core/triggers/fixed-time.js';
import {translateApsFields} from './aps-cron-fields.js';
import {apsFieldNames, type ApsFields} from './aps-field-names.js';
import {cronNicknameProblem} from './cron-nickname-check.js';
import {cronStringProblem} from './cron-string-check.js';
import {boundKeys, readDateTime, readTriggerBounds} from './trigger-bounds.js';
import type {MapReader} from './map-reader.js';
import {countOf} from '../core/count-words.js';

export const intervalFieldNames = ['weeks', 'days', 'hours', 'minutes', 'seconds'] as const;
export const triggerKeys = ['cron', 'trigger', ...apsFieldNames, ...intervalFieldNames, ...boundKeys, 'run_date'] as const;

const intervalUnitMs: Record<(typeof intervalFieldNames)[number], number> = {
	weeks: 604_800_000, days: 86_400_000, hours: 3_600_000, minutes: 60_000, seconds: 1000,
};

function cronTrigger(job: MapReader, timeZone: string): TriggerSpec | undefined {
	const pattern = job.string('cron');
	const bounds = readTriggerBounds(job, timeZone, false);
	if (pattern === undefined) {
		return undefined;
	}

	const fields = pattern.trim().split(/\s+/);
	const nickname = pattern.trim().startsWith('@');
	const nicknameProblem = nickname ? cronNicknameProblem(pattern) : undefined;
	if (nicknameProblem) {
		job.report('cron', `bad cron "${pattern}": ${nicknameProblem}`);
		return undefined;
	}

	if (!nickname && (fields.length < 5 || fields.length > 6)) {
		job.report('cron', `cron "${pattern}" has ${countOf(fields.length, 'field')}; give 5 (minute hour day month weekday) or 6 (seconds first)`);
		return undefined;
	}

	const problem = nickname ? undefined : cronStringProblem(fields);
	if (problem) {
		job.report('cron', `bad cron "${pattern}": ${problem}`);
		return undefined;
	}

	try {
		new CronPattern(pattern);
	} catch (error) {
		job.report('cron', `bad cron "${pattern}": ${(error as Error).message.replace(/^CronPattern: /, '')}`);
		return undefined;
	}

	const trimmed = pattern.trim();
	return bounds && {kind: 'cron', pattern: trimmed, andDays: false, description: trimmed, fixedTime: isFixedTimePattern(trimmed), ...bounds};
}

function apsCronTrigger(job: MapReader, timeZone: string): TriggerSpec | undefined {
	const bounds = readTriggerBounds(job, timeZone, false);
	const given: ApsFields = {};
	let wrongType = false;
	for (const name of apsFieldNames) {
		const value = job.value(name);
		if (value === undefined) {
			continue;
		}

		if (typeof value !== 'string' && typeof value !== 'number') {
			job.report(name, `${name} must be a number or an expression such as "1-5" or "*/2"`);
			wrongType = true;
			continue;
		}

		given[name] = value;
	}

	const translated = translateApsFields(given);
	if (!translated.ok || wrongType) {
		// Every wrong field at once, not only the first: each is read alone (a field's values do not
		// depend on the others'); the whole translation's complaint stands when none is wrong alone.
		const wrongAlone = apsFieldNames.filter(name => given[name] !== undefined).map(name => ({name, alone: translateApsFields({[name]: given[name]})}));
		for (const {name, alone} of wrongAlone) {
			if (!alone.ok) {
				job.report(name, alone.message);
			}
		}

		if (!translated.ok && wrongAlone.every(({alone}) => alone.ok)) {
			job.report(translated.field, translated.message);
		}

		return undefined;
	}

	if (!bounds) {
		return undefined;
	}

	const description = apsFieldNames.filter(name => given[name] !== undefined).map(name => `${name}=${given[name]}`).join(' ');
	return {
		kind: 'cron',
		pattern: translated.pattern,
		andDays: true,
		isoWeeks: translated.isoWeeks,
		description,
		aps: translated.spec,
		fixedTime: translated.fixedTime,
		...bounds,
	};
}

function intervalTrigger(job: MapReader, timeZone: string): TriggerSpec | undefined {
	const bounds = readTriggerBounds(job, timeZone, true);
	let everyMs = 0;
	for (const name of intervalFieldNames) {
		const value = job.value(name);
		if (value === undefined) {
			continue;
		}

		if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) {
			job.report(name, `${name} must be a non-negative number`);
			return undefined;
		}

		everyMs += value * intervalUnitMs[name];
	}

	// Whole milliseconds, as every instant here is: `hours: 1.1` is 3960000.0000000005 ms in floating
	// point, and a fraction made each next fire time the same instant again, fired without end.
	everyMs = Math.round(everyMs);
	if (everyMs < 1000) {
		job.reportKey('trigger', 'an interval trigger needs weeks, days, hours, minutes or seconds adding up to at least 1 second');
		return undefined;
	}

	return bounds && {kind: 'interval', everyMs, ...bounds};
}

function dateTrigger(job: MapReader, timeZone: string): TriggerSpec | undefined {
	if (!job.has('run_date')) {
		job.reportKey('trigger', 'a date trigger needs run_date');
		return undefined;
	}

	const runDate = readDateTime(job, 'run_date', timeZone);
	return runDate && {kind: 'date', runDate};
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
export function readTrigger(job: MapReader, timeZone: string, hasAfter: boolean, what: 'job' | 'group' = 'job'): TriggerSpec | undefined {
	if (job.has('cron')) {
		if (job.has('trigger')) {
			job.reportKey('trigger', 'give either cron or trigger, not both');
			return undefined;
		}

		return rejectForeignFields(job, ['cron', ...boundKeys], 'a cron: job') ? cronTrigger(job, timeZone) : undefined;
	}

	const kind = job.oneOf('trigger', ['cron', 'interval', 'date', 'manual'] as const);
	if (kind === undefined) {
		if (job.has('trigger')) {
			return undefined;
		}

		if (hasAfter) {
			return rejectForeignFields(job, [], 'a job without a trigger') ? {kind: 'none'} : undefined;
		}

		job.source.report(job.map, `${what} has no schedule: give cron:, trigger: (cron, interval, date or manual) or after:`);
		return undefined;
	}

	switch (kind) {
		case 'cron': {
			return rejectForeignFields(job, [...apsFieldNames, ...boundKeys], 'trigger: cron') ? apsCronTrigger(job, timeZone) : undefined;
		}

		case 'interval': {
			return rejectForeignFields(job, [...intervalFieldNames, ...boundKeys], 'trigger: interval') ? intervalTrigger(job, timeZone) : undefined;
		}

		case 'date': {
			return rejectForeignFields(job, ['run_date'], 'trigger: date') ? dateTrigger(job, timeZone) : undefined;
		}

		case 'manual': {
			return rejectForeignFields(job, [], 'trigger: manual') ? {kind: 'none'} : undefined;
		}
	}
}

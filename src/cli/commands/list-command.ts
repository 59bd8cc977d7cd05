import {loadJobsConfig} from '../../config/load-jobs-config.js';
import type {JobDefinition} from '../../core/job-definition.js';
import {nextFireTimes} from '../../core/triggers/job-schedule.js';
import {describeSchedule} from '../../core/triggers/describe-schedule.js';
import type {AppPaths} from '../../host/paths.js';
import {formatZonedIso} from '../../time/zoned-time.js';
import {commandCalendar} from './command-calendar.js';
import {instantFlag} from './instant-flag.js';
import type {JobState} from '../../scheduler/ports.js';
import {plannedSchedule, readJobStates} from './planned-schedule.js';
import {readSchedulerPaused} from './list-scheduler-pause.js';
import {textTable} from './text-table.js';
import {UsageError} from './usage-error.js';
import {unloadedClosuresNote, yearsWithoutClosures} from './unloaded-closures.js';

/** `--from` (a bare day or a wall time read in jobs.yaml's `timezone`, instant-flag.ts), or now. */
export function parseInstant(text: string | undefined, flag: string, timeZone: string): number {
	return text === undefined ? Date.now() : instantFlag(text, flag, timeZone);
}

/** `held`: the whole scheduler is paused and holds this job's schedule (as `status` says `heldBySchedulerPause`). */
type Listed = {job: JobDefinition; next: Date[]; never: boolean; paused: boolean; held: boolean; fromSchedulerStart: boolean};

/** The STATE column: a job the whole scheduler's pause holds says so, where it read `active`. */
function stateText({job, paused, held}: Listed): string {
	if (!job.enabled) {
		return 'disabled';
	}

	return paused ? 'paused' : (held ? 'held (scheduler paused)' : 'active');
}

/**
 * An interval (without `start_date`) that no scheduler has loaded yet: it will count from the start of
 * the scheduler that first loads it, so its times here are as if one started at `--from` (now).
 */
function countsFromSchedulerStart(job: JobDefinition, state: JobState | undefined): boolean {
	return job.enabled && job.trigger.kind === 'interval' && !job.trigger.startDate && state?.intervalAnchor === undefined;
}

/** Marks, in the table, the times of an interval that counts from the scheduler's start (the note under it says so). */
const fromStartMark = '*';

/** Marks, in the table, a trading-calendar job's times in a year with no exchange closures loaded (the note under it says so). */
const noClosuresMark = '!';

/**
 * `sage-console list`: the fire times of every job at or after an instant (`--from`, default now), with
 * calendar filters applied. At or after, as APScheduler's first fire time may equal its start instant; an
 * interval job the scheduler has not seen yet counts from `--from` and first fires one interval later.
 * A job whose schedule has no fire time left shows "never". While the whole scheduler is paused (`pause
 * --all`, kept in the history database across restarts) a job that would fire is `held (scheduler paused)`.
 * A trading-calendar job's time in a year whose closures are not loaded (next year's, before the
 * exchanges' notice is added) is marked: there every weekday counts, so 1 January shows as a fire.
 */
export function listCommand(paths: AppPaths, flags: {json?: boolean; from?: string; count?: number}): number {
	const config = loadJobsConfig(paths.configFile, paths.root);
	const states = readJobStates(paths.dbFile);
	const schedulerPaused = readSchedulerPaused(paths.dbFile);
	const from = parseInstant(flags.from, '--from', config.timezone);
	const count = flags.count ?? 5;
	if (!Number.isInteger(count) || count < 1 || count > 10_000) {
		throw new UsageError('--count must be a whole number from 1 to 10000');
	}

	const calendar = commandCalendar(paths);

	const jobs: Listed[] = config.jobs.map(job => {
		const state = states.get(job.id);
		const fromSchedulerStart = countsFromSchedulerStart(job, state);
		// Anchored on the whole second: an anchor guessed from the moment `list` runs is not exact to the millisecond.
		const anchor = fromSchedulerStart ? Math.floor(from / 1000) * 1000 : from;
		const next = job.enabled ? nextFireTimes(plannedSchedule(job, calendar, state, anchor), new Date(from - 1), count) : [];
		const paused = state?.paused ?? job.startPaused;
		return {job, next, never: job.enabled && job.trigger.kind !== 'none' && next.length === 0, paused, held: schedulerPaused && job.enabled && !paused && next.length > 0, fromSchedulerStart};
	});
	if (flags.json) {
		process.stdout.write(`${JSON.stringify(jobs.map(({job, next, never, paused, held, fromSchedulerStart}) => ({
			id: job.id,
			name: job.name,
			schedule: describeSchedule(job),
			next: next.map(time => formatZonedIso(time, job.timezone)),
			...(never ? {never: true} : {}),
			...(fromSchedulerStart ? {counts_from_scheduler_start: true} : {}),
			paused,
			...(held ? {heldBySchedulerPause: true} : {}),
			enabled: job.enabled,
			...(yearsWithoutClosures(job, next, calendar).length > 0 ? {no_closures_loaded_for: yearsWithoutClosures(job, next, calendar)} : {}),
		})), null, 2)}\n`);
		return 0;
	}

	// The table shows one fire time a job unless --count asks for more; the rest stand under the first.
	const shown = flags.count === undefined ? 1 : count;
	process.stdout.write(`${textTable(['ID', 'NAME', 'SCHEDULE', 'NEXT', 'STATE'], jobs.flatMap(listed => {
		const {job, next, never, fromSchedulerStart} = listed;
		const times = next.slice(0, shown).map(time => `${formatZonedIso(time, job.timezone).replace('T', ' ')}${fromSchedulerStart ? ` ${fromStartMark}` : ''}${yearsWithoutClosures(job, [time], calendar).length > 0 ? ` ${noClosuresMark}` : ''}`);
		return [
			[job.id, job.name, describeSchedule(job), times[0] ?? (never ? 'never' : '—'), stateText(listed)],
			...times.slice(1).map(time => ['', '', '', time, '']),
		];
	}))}\n`);
	if (jobs.some(listed => listed.fromSchedulerStart && listed.next.length > 0)) {
		process.stdout.write(`\n${fromStartMark} an interval no scheduler has loaded yet: it counts from the start of the scheduler that first loads it, so these times are as if one started ${flags.from === undefined ? 'now' : 'at --from'}\n`);
	}

	const unloaded = [...new Set(jobs.flatMap(({job, next}) => yearsWithoutClosures(job, next.slice(0, shown), calendar)))].sort((a, b) => a - b);
	if (unloaded.length > 0) {
		process.stdout.write(`\n${unloadedClosuresNote(noClosuresMark, unloaded)}\n`);
	}

	return 0;
}

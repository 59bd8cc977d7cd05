import {formatDuration} from '../config/quantities.js';
import type {JobDefinition} from '../core/job-definition.js';
import type {RunRecord} from '../core/run-record.js';
import type {Schedule} from '../core/triggers/schedule.js';
import type {TradingCalendar} from '../market/trading-calendar.js';
import type {JobDetail} from '../protocol/messages.js';
import {summarizeRun} from '../protocol/run-summary.js';
import type {Scheduler} from '../scheduler/scheduler.js';
import type {HistoryStore} from '../store/history-store.js';
import {formatZonedIso, zonedDate, zonedParts} from '../time/zoned-time.js';

const recentRuns = 30;
const nextFireCount = 5;

/**
 * A moment as the console shows one (moment-text.ts): `10:00` when of the day of `now`, `12-07 10:00`
 * when of another day, `2025-12-31 10:00` when of another year.
 */
function at(ms: number, zone: string, now: number): string {
	const moment = formatZonedIso(ms, zone).slice(0, 16).replace('T', ' ');
	const today = zonedDate(now, zone);
	if (moment.startsWith(today)) {
		return moment.slice(11);
	}

	return moment.slice(0, 4) === today.slice(0, 4) ? moment.slice(5) : moment;
}

const clock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/**
 * The last fire time before `now`, looked for in a minute, an hour, a day, then eight days back, so a
 * job firing every few seconds costs a few steps and a weekly one a handful.
 */
function previousFire(schedule: Schedule, now: number): number | undefined {
	for (const span of [60_000, 3_600_000, 86_400_000, 8 * 86_400_000]) {
		const first = schedule.next(new Date(now - span))?.getTime();
		if (first === undefined || first >= now) {
			continue;
		}

		let fire = first;
		for (let steps = 0; steps < 10_000; steps++) {
			const after: number | undefined = schedule.next(new Date(fire))?.getTime();
			if (after === undefined || after >= now) {
				return fire;
			}

			fire = after;
		}
	}

	return undefined;
}

/** Why a trading-calendar or windowed job is not due right now, if it is not. */
function calendarNotes(job: JobDefinition, calendar: TradingCalendar, now: number): string[] {
	const notes: string[] = [];
	const today = zonedDate(now, 'Asia/Shanghai');
	if (job.calendar === 'trading-days' && !calendar.isTradingDay(today)) {
		notes.push(`today (${today}) is ${calendar.isHoliday(today) ? 'an exchange holiday' : 'a weekend'}: it fires on trading days only`);
	}

	if (job.windows && job.windows.length > 0) {
		const parts = zonedParts(now, job.timezone);
		const minute = (parts.hour * 60) + parts.minute;
		if (!job.windows.some(window => minute >= window.startMinute && minute < window.endMinute)) {
			notes.push(`outside its window now (${job.windows.map(window => `${clock(window.startMinute)}-${clock(window.endMinute)}`).join(', ')} ${job.timezone})`);
		}
	}

	return notes;
}

/**
 * Fires skipped lately (a run still going, a limit; not a manual run refused), and a due time that left no run at all. Only a
 * due time from when the job was in jobs.yaml on counts: `owedFrom` is the scheduler's last fire of
 * the job, or when it first saw it (a job added at 10:00 never missed that morning's 09:00), as
 * catch-up counts; the schedule itself starts no earlier than the job's start_date.
 */
function historyNotes(job: JobDefinition, schedule: Schedule, runs: readonly RunRecord[], now: number, owedFrom: number | undefined, tooLate: {scheduledAt: number; lateMs: number} | undefined, intervalAnchor: number): string[] {
	const notes: string[] = [];
	// A fire, not an operator's request refused (\`r\` while the scheduler is stopping): that one is not a skipped fire.
	const skipped = runs.filter(run => run.status === 'skipped' && run.trigger !== 'manual');
	if (skipped[0]) {
		const today = skipped.filter(run => zonedDate(run.scheduledAt, job.timezone) === zonedDate(now, job.timezone)).length;
		notes.push(`skipped ${today > 0 ? `${today}× today` : 'lately'}, last at ${at(skipped[0].scheduledAt, job.timezone, now)}: ${skipped[0].message ?? `concurrency: ${job.concurrency}`}`);
	}

	const due = previousFire(schedule, now);
	// An interval without start_date counts from its anchor (when first seen) and first fires one interval later.
	const anchorOnly = job.trigger.kind === 'interval' && !job.trigger.startDate && due === intervalAnchor;
	// A minute's grace: the run of a fire this instant may not be written yet.
	const owed = due !== undefined && !anchorOnly && (owedFrom === undefined || due >= owedFrom);
	if (owed && due < now - 60_000 && !runs.some(run => Math.abs(run.scheduledAt - due) < 1000)) {
		const oldest = runs.at(-1)?.scheduledAt;
		if (tooLate && Math.abs(tooLate.scheduledAt - due) < 1000) {
			notes.push(`due at ${at(due, job.timezone, now)} but its fire came ${formatDuration(tooLate.lateMs)} late (the box or its clock stood still), more than its misfire_grace ${formatDuration(job.misfireGraceMs ?? 0)}: not run`);
		} else if (oldest === undefined || oldest <= due) {
			notes.push(`due at ${at(due, job.timezone, now)} but no run was recorded (the scheduler was down or paused then; catch_up: ${job.catchUp})`);
		}
	}

	return notes;
}

/**
 * One job up close: its next fire times, its last runs with their durations and success rate, and
 * plain reasons why it did or did not fire lately (disabled, paused, the scheduler paused, never
 * fires, a holiday or weekend for a trading-day job, outside its time window, fires skipped because
 * a run was still going, a due time that left no run).
 */
export function jobDetail(scheduler: Scheduler, store: HistoryStore, jobId: string, now = Date.now()): JobDetail {
	const slot = scheduler.slot(jobId)!;
	const {job} = slot;
	const nextFires: number[] = [];
	let cursor = new Date(now);
	for (let i = 0; i < nextFireCount; i++) {
		const next = slot.schedule.next(cursor);
		if (!next) {
			break;
		}

		nextFires.push(next.getTime());
		cursor = next;
	}

	const runs = store.query({jobId, limit: recentRuns});
	const ended = runs.filter(run => run.status !== 'skipped' && run.status !== 'queued' && run.status !== 'running');
	const succeeded = ended.filter(run => run.status === 'success');
	const notes: string[] = [];
	if (!job.enabled) {
		notes.push('disabled in jobs.yaml (enabled: false)');
	}

	if (slot.paused) {
		notes.push('paused (p in the console or `sage-console resume` to resume)');
	}

	if (scheduler.isPaused) {
		notes.push('the whole scheduler is paused');
	}

	const neverFires = job.enabled && job.trigger.kind !== 'none' && nextFires.length === 0;
	if (neverFires) {
		notes.push('its schedule never fires again');
	}

	if (job.trigger.kind === 'none') {
		notes.push(job.after.length > 0 ? `runs after ${job.after.join(', ')} succeed` : 'no schedule: runs only when started by hand');
	} else if (job.heartbeat) {
		// Nothing runs for a heartbeat job: its state (late, down) says what a due time left.
		notes.push(...calendarNotes(job, scheduler.calendar, now));
	} else {
		notes.push(...calendarNotes(job, scheduler.calendar, now), ...historyNotes(job, slot.schedule, runs, now, slot.lastFireAt, slot.lastTooLate, slot.intervalAnchor));
	}

	return {
		jobId,
		nextFires,
		neverFires,
		recentRuns: runs.map(run => summarizeRun(run)),
		successRate: ended.length > 0 ? succeeded.length / ended.length : undefined,
		durations: succeeded.map(run => run.durationMs ?? 0).reverse(),
		notes,
	};
}

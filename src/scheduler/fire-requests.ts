import {tradeDateOf} from '../market/market-session.js';
import type {TradingCalendar} from '../market/trading-calendar.js';
import {formatDuration} from '../config/quantities.js';
import {formatZonedIso} from '../time/zoned-time.js';
import type {DueFire} from './fire-timer.js';
import type {RunDispatch} from './run-dispatch.js';
import type {SchedulerEvents} from './scheduler-events.js';
import type {TypedEmitter} from './typed-emitter.js';

/** A fire this late is told in the log (lateness is always in the metrics). */
const lateWarningMs = 1000;

export type FireRequestDeps = {
	dispatch: Pick<RunDispatch, 'holdStarts' | 'request'>;
	calendar: TradingCalendar;
	events: TypedEmitter<SchedulerEvents>;
	say(msg: string, jobId: string): void;
	/** Keeps the job's last fire time, for catch-up after a restart. */
	remember(jobId: string, at: number): void;
};

/**
 * A second's due fires, as runs: every run recorded and queued first, then the best of them started
 * (so priorities hold among runs due together), and each job's last fire kept. A fire that stands for
 * several missed times (a clock jump, a suspended machine), or that came late, says so. A fire later
 * than the job's `misfire_grace` does not run (APScheduler's misfire check, made when the scheduler
 * wakes late as well as at a start). A heartbeat job's schedule only says when pings are expected:
 * nothing runs for it.
 */
export function requestFires(fires: readonly DueFire[], deps: FireRequestDeps): void {
	deps.dispatch.holdStarts(() => {
		const tradeDates = new Map<number, string | undefined>();
		for (const {slot, scheduledAt, lateMs, coalesced, coalescedCapped} of fires) {
			const jobId = slot.job.id;
			deps.events.emit('fired', {jobId, lateMs});
			const at = formatZonedIso(scheduledAt, slot.job.timezone);
			const grace = slot.job.misfireGraceMs;
			const tooLate = !slot.job.heartbeat && grace !== undefined && lateMs > grace;
			if (coalesced > 0 || tooLate) {
				deps.events.emit('fires-missed', {jobId, count: coalesced + (tooLate ? 1 : 0)});
			}

			if (coalesced > 0) {
				deps.say(`${jobId}: ${coalescedCapped ? 'at least ' : ''}${coalesced + 1} fire times passed while the scheduler could not fire (clock jump or a suspended machine)${tooLate ? '' : `; coalesced into one run, for the latest, ${at}`}`, jobId);
			}

			if (tooLate) {
				slot.lastTooLate = {scheduledAt, lateMs};
				deps.say(`${jobId}: fire time ${at} missed by ${formatDuration(lateMs)}, more than its misfire_grace ${formatDuration(grace)}: not run`, jobId);
				continue;
			}

			if (slot.job.heartbeat) {
				continue;
			}

			if (!tradeDates.has(scheduledAt)) {
				tradeDates.set(scheduledAt, tradeDateOf(scheduledAt, deps.calendar));
			}

			deps.dispatch.request(slot.job, {trigger: 'schedule', scheduledAt, attempt: 1, params: slot.job.params, tradeDate: tradeDates.get(scheduledAt)});
			if (lateMs > lateWarningMs) {
				deps.say(`${jobId} fired ${formatDuration(lateMs)} late`, jobId);
			}
		}
	});
	for (const {slot} of fires) {
		deps.remember(slot.job.id, slot.lastFireAt!);
	}
}

/** Requests that read more than the snapshot: run statistics, the exchange calendar, and heartbeat pings. */
import {marketPhase} from '../market/market-session.js';
import {exchangeTimeZone} from '../market/trading-calendar.js';
import type {Requests} from '../protocol/messages.js';
import {ProtocolError} from '../protocol/wire.js';
import type {Scheduler} from '../scheduler/scheduler.js';
import type {JobStatistics} from '../store/run-statistics.js';
import {calendarDateProblem} from '../time/calendar-date.js';
import {addDays, formatZonedIso, zonedDate, zonedInstant} from '../time/zoned-time.js';

/** Statistics read a range on an index; longer ranges would hold the scheduler's thread too long. */
const maxStatisticsDays = 92;
const maxCalendarDays = 800;

export type InsightDeps = {
	scheduler: Scheduler;
	/** Absent in a bare handler (tests): `statistics` is unavailable. */
	statistics?: (since: number, until: number, jobId?: string) => JobStatistics[];
	now(): number;
};

type Handler<M extends keyof Requests> = (params: Requests[M]['params']) => Requests[M]['result'];

export function insightHandlers(deps: InsightDeps): {statistics: Handler<'statistics'>; calendar: Handler<'calendar'>; 'ping-heartbeat': Handler<'ping-heartbeat'>} {
	const {scheduler} = deps;
	return {
		statistics({since, until, jobId}) {
			const zone = scheduler.currentConfig.timezone;
			const from = since ?? zonedInstant(zonedDate(deps.now(), zone), zone).getTime();
			const to = until ?? deps.now() + 1;
			// Each end as it was read, and what it was when left out, so a refusal names the one to change.
			const sinceSaid = `since (${formatZonedIso(from, zone)}${since === undefined ? ', today\'s start: since left out' : ''})`;
			const untilSaid = `until (${formatZonedIso(to, zone)}${until === undefined ? ', now: until left out' : ''})`;
			if (to <= from) {
				throw new ProtocolError('bad-params', `${untilSaid} must be after ${sinceSaid}`);
			}

			if (to - from > maxStatisticsDays * 86_400_000) {
				throw new ProtocolError('bad-params', `a statistics range is at most ${maxStatisticsDays} days; ${sinceSaid} to ${untilSaid} is ${Math.ceil((to - from) / 86_400_000)} days`);
			}

			if (!deps.statistics) {
				throw new ProtocolError('unavailable', 'statistics are not offered here');
			}

			return {since: from, until: to, jobs: deps.statistics(from, to, jobId)};
		},
		calendar({from, to}) {
			const today = zonedDate(deps.now(), exchangeTimeZone);
			for (const [name, value] of [['from', from], ['to', to]] as const) {
				const problem = value === undefined ? undefined : calendarDateProblem(value);
				if (problem) {
					throw new ProtocolError('bad-params', `${name} ${problem}`);
				}
			}

			const start = from ?? `${today.slice(0, 4)}-01-01`;
			const end = to ?? `${today.slice(0, 4)}-12-31`;
			if (end < start) {
				throw new ProtocolError('bad-params', `from (${start}) is after to (${end})`);
			}

			const days = (Date.parse(end) - Date.parse(start)) / 86_400_000;
			if (days > maxCalendarDays) {
				throw new ProtocolError('bad-params', `a calendar range is at most ${maxCalendarDays} days; ${start} to ${end} is ${days} days`);
			}

			const {calendar} = scheduler;
			const closures: string[] = [];
			for (let day = start; day <= end; day = addDays(day, 1)) {
				if (calendar.isHoliday(day)) {
					closures.push(day);
				}
			}

			return {
				today, isTradingDay: calendar.isTradingDay(today), marketPhase: marketPhase(deps.now(), calendar), from: start, to: end,
				tradingDays: calendar.tradingDaysBetween(start, end), closures, knownYears: calendar.years,
			};
		},
		'ping-heartbeat'({jobId, outcome}) {
			if (outcome !== undefined && outcome !== 'success' && outcome !== 'fail' && outcome !== 'start') {
				throw new ProtocolError('bad-params', `outcome must be success, fail or start, not "${outcome}"`);
			}

			if (!scheduler.job(jobId)) {
				const heartbeats = scheduler.jobIds.filter(id => scheduler.job(id)?.heartbeat);
				throw new ProtocolError('not-found', `no job "${jobId}"; heartbeat jobs: ${heartbeats.join(', ') || 'none (heartbeat: true in jobs.yaml)'}`);
			}

			const view = scheduler.ping(jobId, (outcome ?? 'success') as 'success' | 'fail' | 'start');
			if (!view) {
				throw new ProtocolError('conflict', `${jobId} is not a heartbeat job (heartbeat: true)`);
			}

			return view;
		},
	};
}

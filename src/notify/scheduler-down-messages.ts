/**
 * The alerts about the scheduler itself, not a job: the one before this start died without a clean
 * stop, or a console's scheduler thread crashed too often and is left stopped. In the style of
 * messages.ts (times in the scheduler's zone, jobs.yaml's `timezone`).
 */
import {formatDuration} from '../config/quantities.js';
import type {SchedulerLife} from '../store/scheduler-life-store.js';
import {exchangeTimeZone} from '../market/trading-calendar.js';
import {render, when, type Field} from './messages.js';
import type {Message} from './notification-types.js';

/** This start, as the alert about the one before it tells it: `interrupted` counts job runs, `servicesInterrupted` service runs. */
export type ThisStart = {root: string; host: string; pid: number; startedAt: number; interrupted: number; servicesInterrupted?: number};

/** The runs a start closed as interrupted: jobs' (the scheduler settles them) and services' (their adoption found the process gone). */
export type InterruptedAtStart = {jobs: number; services: number};

/**
 * The runs a start closed interrupted, true to what the lines before name: `2 runs` when only jobs'
 * were, `0 job runs, 1 service run` when a service's run was too (a job count alone read 0 beside it).
 */
export function interruptedRuns({jobs, services}: InterruptedAtStart): string {
	const runs = (count: number, kind: string) => `${count} ${kind}run${count === 1 ? '' : 's'}`;
	return services === 0 ? runs(jobs, '') : `${runs(jobs, 'job ')}, ${runs(services, 'service ')}`;
}

/** The crash loop the death is part of (src/host/crash-loop.ts); absent, or 1 death: none. */
export type CrashLoopCount = {
	/** Deaths in the last window, the one told included. */
	deaths: number;
	/** Deaths this alert tells: the one before this start and those held back since the last alert. */
	told: number;
	/** The alert before, when within the window. */
	lastToldAt?: number;
	/** A held alert sent by the scheduler that stayed up: the moment it sends it. */
	upAt?: number;
};

/** `⚠ sage-console was down` and, in a crash loop, how often and what was held back. */
function loopFields(loop: CrashLoopCount | undefined, now: ThisStart, windowMinutes: number, zone: string): Field[] {
	if (!loop || (loop.deaths <= 1 && loop.told <= 1)) {
		return [];
	}

	return [
		['crash loop', `down ${loop.deaths} times in ${windowMinutes} min`],
		...(loop.told > 1 ? [['since the last alert', `${loop.told} deaths${loop.lastToldAt === undefined ? '' : ` (last alert ${when(loop.lastToldAt, zone)})`}: in a crash loop alerts come at most one per ${windowMinutes} min`] as Field] : []),
		...(loop.upAt === undefined ? [] : [['still up', `${when(loop.upAt, zone)}: pid ${now.pid} has run since it started`] as Field]),
	];
}

/** How the scheduler before ended, in a few words. */
export function howItEnded(previous: Pick<SchedulerLife, 'crash' | 'crashes'>, windowMinutes: number): string {
	if (previous.crash === undefined) {
		return 'no clean stop: killed (kill -9, out of memory), crashed, or the box lost power';
	}

	const count = previous.crashes ?? 1;
	return `the scheduler crashed: ${previous.crash}${count > 1 ? ` (crashed ${count} times in ${windowMinutes} min)` : ''}`;
}

/** The scheduler before this start ended without a clean stop: when it ran, when it was last alive, the gap. */
export function schedulerDownMessage(previous: SchedulerLife, now: ThisStart, windowMinutes: number, loop?: CrashLoopCount, zone = exchangeTimeZone): Message {
	const how = howItEnded(previous, windowMinutes);
	const fields: Field[] = [
		['root', now.root],
		['host', previous.host === now.host ? now.host : `${now.host} (was ${previous.host})`],
		['previous pid', String(previous.pid)],
		['how', how],
		['started', when(previous.startedAt, zone)],
		['last alive', when(previous.aliveAt, zone)],
		['started again', `${when(now.startedAt, zone)} (pid ${now.pid})`],
		['down', `up to ${formatDuration(Math.max(0, now.startedAt - previous.aliveAt))}`],
		['runs interrupted', now.servicesInterrupted ? interruptedRuns({jobs: now.interrupted, services: now.servicesInterrupted}) : String(now.interrupted)],
		...loopFields(loop, now, windowMinutes, zone),
	];
	const deaths = loop?.deaths ?? 1;
	return {
		...render('alert', `⚠ sage-console was down${deaths > 1 ? ` ${deaths} times in ${windowMinutes} min` : ''}`, fields),
		event: {
			event: 'scheduler-down', reason: how, at: now.startedAt, pid: now.pid, root: now.root, host: now.host, interrupted: now.interrupted, servicesInterrupted: now.servicesInterrupted ?? 0,
			deaths, told: loop?.told ?? 1,
			previous: {pid: previous.pid, host: previous.host, startedAt: previous.startedAt, aliveAt: previous.aliveAt},
		},
	};
}

/** A console's scheduler thread crashed once too often: it is not started again until the operator says so. */
export function schedulerLeftStoppedMessage(stopped: {root: string; host: string; pid: number; startedAt?: number; at: number; crash: string; crashes: number}, windowMinutes: number, zone = exchangeTimeZone): Message {
	const fields: Field[] = [
		['root', stopped.root],
		['host', stopped.host],
		['pid', String(stopped.pid)],
		['why', `its scheduler thread crashed: ${stopped.crash}`],
		['crashes', `${stopped.crashes} in ${windowMinutes} min: not started again automatically`],
		...(stopped.startedAt === undefined ? [] : [['started', when(stopped.startedAt, zone)] as Field]),
		['stopped', when(stopped.at, zone)],
		['nothing fires', 'until S in the console starts it, or another scheduler (systemd\'s --headless) takes the root'],
	];
	return {
		...render('alert', '⛔ sage-console scheduler stopped', fields),
		event: {event: 'scheduler-stopped', reason: stopped.crash, at: stopped.at, pid: stopped.pid, root: stopped.root, host: stopped.host, crashes: stopped.crashes},
	};
}

/**
 * A service's past, taken up again after a (re)start of the scheduler or its addition by a reload:
 * its restarts counted today, a manual start outside its window that still keeps it up, an incident
 * alerted and not yet recovered, and a hold (manual stop, fatal) begun earlier in the window it is in. Also where the supervisor keeps those,
 * so the next scheduler can take them up.
 */
import type {RunRecord} from '../core/run-record.js';
import type {TradingCalendar} from '../market/trading-calendar.js';
import {zonedDate, zonedInstant} from '../time/zoned-time.js';
import {lastExitFromHistory} from './last-exit-from-history.js';
import {holdHasReason, keepServiceHold, readServiceHold, type ServiceHold} from './service-holds.js';
import {keepOpenIncident, readOpenIncident, type OpenIncident} from './service-incident.js';
import {keepManualExtension, readManualExtension, windowText, type ManualExtension} from './service-manual-extension.js';
import {windowAt} from './service-window.js';
import type {SupervisedService} from './supervised-service.js';
import {timeBesideToday} from './time-beside-today.js';
import type {ServiceHistory, SupervisorSay} from './supervisor-deps.js';

export type ServiceRestoreDeps = {
	history: ServiceHistory;
	/** The config's zone: the day restarts are counted in. */
	timezone: string;
	/** The trading calendar in use now. */
	calendar(): TradingCalendar;
	say: SupervisorSay;
};

/** Keeps (or, with no hold, removes) a service's hold in history; a failed write is said, not thrown. */
export function keepHold(serviceId: string, hold: ServiceHold | undefined, deps: Pick<ServiceRestoreDeps, 'history' | 'say'>): void {
	try {
		keepServiceHold(deps.history, serviceId, hold);
	} catch (error) {
		deps.say('warn', `could not keep whether service ${serviceId} is held (a scheduler restart may start it): ${(error as Error).message}`, {jobId: serviceId});
	}
}

/** Keeps (or, with none, removes) how long a manual start outside the window keeps it up; a failed write is said, not thrown. */
export function keepExtension(serviceId: string, extension: ManualExtension | undefined, deps: Pick<ServiceRestoreDeps, 'history' | 'say'>): void {
	try {
		keepManualExtension(deps.history, serviceId, extension);
	} catch (error) {
		deps.say('warn', `could not keep how long service ${serviceId} was started by hand for (a scheduler restart may stop it at once): ${(error as Error).message}`, {jobId: serviceId});
	}
}

/** Keeps (or, with none, removes) a service's open incident; a failed write is said, not thrown. */
export function keepIncident(serviceId: string, incident: OpenIncident | undefined, deps: Pick<ServiceRestoreDeps, 'history' | 'say'>): void {
	try {
		keepOpenIncident(deps.history, serviceId, incident);
	} catch (error) {
		deps.say('warn', `could not keep whether service ${serviceId} has an open incident (after a scheduler restart its next trouble may be told again, its recovery not): ${(error as Error).message}`, {jobId: serviceId});
	}
}

/** An incident the scheduler before left open (alerted, not yet recovered): carried on. */
function restoreIncident(service: SupervisedService, now: number, deps: ServiceRestoreDeps): void {
	try {
		const incident = readOpenIncident(deps.history, service.def.id);
		if (incident) {
			service.restoreIncident(incident, now);
		}
	} catch (error) {
		deps.say('warn', `could not read whether service ${service.def.id} has an open incident: ${(error as Error).message}`, {jobId: service.def.id});
	}
}

/**
 * A manual start outside the window before the restart: it keeps the service up until its time is up
 * (an adopted process is not stopped); when jobs.yaml changed the window meanwhile, until the new
 * window's end, as a reload would have moved it.
 */
function restoreExtension(service: SupervisedService, now: number, deps: ServiceRestoreDeps): void {
	let extension: ManualExtension | undefined;
	try {
		extension = readManualExtension(deps.history, service.def.id);
	} catch (error) {
		deps.say('warn', `could not read whether service ${service.def.id} was started by hand outside its window: ${(error as Error).message}`, {jobId: service.def.id});
		return;
	}

	if (extension !== undefined && extension.until > now && service.def.enabled) {
		service.restoreManualUntil(extension.until, extension.window !== undefined && extension.window !== windowText(service.def.window));
	} else if (extension !== undefined) {
		keepExtension(service.def.id, undefined, deps); // Its time is up.
	}
}

/**
 * A service's restarts today in `deps.timezone`, counted from history: after a (re)start of the
 * scheduler, and after a reload that changed the config's zone (today is another span of time then).
 */
export function recountRestartsToday(service: SupervisedService, now: number, deps: Pick<ServiceRestoreDeps, 'history' | 'timezone' | 'say'>): void {
	const day = zonedDate(now, deps.timezone);
	let today: RunRecord[] = [];
	try {
		today = deps.history.query({jobId: service.def.id, trigger: 'service', since: zonedInstant(day, deps.timezone).getTime(), limit: 1000});
	} catch (error) {
		deps.say('warn', `could not read the history of service ${service.def.id}: ${(error as Error).message}`, {jobId: service.def.id});
	}

	service.seedRestarts(day, today.filter(run => run.attempt > 1).length);
}

/** Restarts counted today, its last exit, a manual start's extension, an open incident, and a hold (manual stop, fatal) from earlier in the current window. */
export function restoreService(service: SupervisedService, now: number, deps: ServiceRestoreDeps): void {
	recountRestartsToday(service, now, deps);
	try {
		// Newest first; the newest few hold the last one that ended (the newest may be an adopted one, still running).
		service.restoreLastExit(lastExitFromHistory(deps.history.query({jobId: service.def.id, trigger: 'service', limit: 10})));
	} catch (error) {
		deps.say('warn', `could not read the history of service ${service.def.id}: ${(error as Error).message}`, {jobId: service.def.id});
	}

	restoreExtension(service, now, deps);
	restoreIncident(service, now, deps);
	if (service.state !== 'outside-window' && service.state !== 'up' && service.state !== 'starting') {
		return;
	}

	let hold: ServiceHold | undefined;
	try {
		hold = readServiceHold(deps.history, service.def.id);
	} catch (error) {
		deps.say('warn', `could not read whether service ${service.def.id} was held: ${(error as Error).message}`, {jobId: service.def.id});
		return;
	}

	if (hold && !holdHasReason(hold)) {
		// Nothing says why it holds (a manual stop, a crash loop, its restart policy): dropped, not obeyed.
		deps.say('warn', `${service.def.id}: dropped its hold kept since ${timeBesideToday(hold.at, now, deps.timezone)} (${hold.state}, with no reason kept: left by an older version when the service was removed from jobs.yaml and put back); its window decides again`, {jobId: service.def.id});
		keepHold(service.def.id, undefined, deps);
		hold = undefined;
	}

	const window = windowAt(service.def.window, now, deps.calendar());
	if (hold && service.state !== 'outside-window') {
		// Adopted while a hold was kept: its manual stop was under way when the scheduler before died.
		if (hold.state === 'stopped' && service.def.enabled) {
			service.resumeManualStop(hold);
		}
	} else if (hold && service.def.enabled && window.inside && hold.at >= window.openedAt) {
		service.restoreHold(hold);
	} else if (hold) {
		keepHold(service.def.id, undefined, deps); // Held in an earlier window: over.
	}
}

/**
 * A re-read config/calendar.yaml reaching the services: whether each was wanted is taken before the new
 * calendar is used, and a service whose window it closed today is stopped, one whose window it opened
 * is started, each saying why (calendar-change.ts).
 */
import {calendarChangeReason} from './calendar-change.js';
import type {SupervisedService} from './supervised-service.js';
import type {SupervisorSay} from './supervisor-deps.js';

/** Whether each service is wanted at `now` by the calendar in use: taken before a new one replaces it. */
export function wantedByService(services: ReadonlyMap<string, SupervisedService>, now: number): Map<string, boolean> {
	return new Map([...services].map(([id, service]) => [id, service.wanted(now)]));
}

/** Stops or starts, under the new calendar, each service whether it is wanted changed for. */
export function followCalendarChange(services: ReadonlyMap<string, SupervisedService>, wantedBefore: ReadonlyMap<string, boolean>, now: number, say: SupervisorSay): void {
	for (const [id, service] of services) {
		const wantedNow = service.wanted(now);
		const why = calendarChangeReason(service.def, wantedBefore.get(id) ?? false, wantedNow, now);
		if (!why) {
			continue;
		}

		say('info', `service ${id}: ${why}: ${wantedNow ? 'starting' : 'stopping'} it`, {jobId: id});
		try {
			service.reconcile(now, why, {reason: 'calendar', why});
		} catch (error) {
			say('error', `service ${id}: ${(error as Error).message}`, {jobId: id});
		}
	}
}

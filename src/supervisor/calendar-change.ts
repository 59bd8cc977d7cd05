/**
 * What a re-read config/calendar.yaml means for a service right now: nothing, or that the day of its
 * window just became closed (an emergency closure: stop it) or open (a closure taken back: start it).
 */
import {zonedDate} from '../time/zoned-time.js';
import type {ServiceDefinition} from './service-definition.js';

/**
 * Why the service starts or stops because of the new calendar ("2026-11-20 is now closed (calendar
 * reload)"), or undefined when whether it is wanted did not change.
 */
export function calendarChangeReason(def: ServiceDefinition, wantedBefore: boolean, wantedNow: boolean, now: number): string | undefined {
	if (wantedBefore === wantedNow || def.window.kind !== 'daily') {
		return undefined;
	}

	return `${zonedDate(now, def.window.timezone)} is now ${wantedNow ? 'open' : 'closed'} (calendar reload)`;
}

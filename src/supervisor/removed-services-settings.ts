/**
 * What the database keeps for each service (its hold, its open incident, the end of its manual start)
 * of services taken out of jobs.yaml while no scheduler ran: forgotten at the next start, as a reload
 * forgets them for a service it removes. Kept, they lay in the database for good, and the service, put
 * back in the file one day, came back held or with an incident long over.
 */
import {holdKeyPrefix, type SettingsStore} from './service-holds.js';
import {incidentKeyPrefix} from './service-incident.js';
import {manualUntilKeyPrefix} from './service-manual-extension.js';

const prefixes = [holdKeyPrefix, incidentKeyPrefix, manualUntilKeyPrefix];

/** Removes the rows of services not in `serviceIds`; the ids of the services forgotten, once each. */
export function forgetRemovedServices(settings: SettingsStore, serviceIds: ReadonlySet<string>): string[] {
	const forgotten = new Set<string>();
	for (const prefix of prefixes) {
		for (const key of settings.settingKeys(prefix)) {
			const serviceId = key.slice(prefix.length);
			if (!serviceIds.has(serviceId)) {
				settings.setSetting(key, undefined);
				forgotten.add(serviceId);
			}
		}
	}

	return [...forgotten];
}

/**
 * A manual start outside a service's window keeps it wanted until the end of its next window. That
 * extension outlives a restart of the scheduler as a hold does (service-holds.ts): kept in the
 * database's settings, one key a service, written at the manual start and removed when it ends (its
 * time is up, or a manual stop), so a kill -9 of the scheduler does not stop the service it adopts.
 */
import type {SettingsStore} from './service-holds.js';

const keyOf = (serviceId: string) => `service-manual-until:${serviceId}`;

/** Until when (ms; Infinity: until a stop) a manual start keeps it up, or undefined. */
export function readManualExtension(settings: SettingsStore, serviceId: string): number | undefined {
	const text = settings.setting(keyOf(serviceId));
	if (text === undefined) {
		return undefined;
	}

	try {
		const {until} = JSON.parse(text) as {until?: unknown};
		if (until === null) {
			return Number.POSITIVE_INFINITY;
		}

		return typeof until === 'number' ? until : undefined;
	} catch {
		return undefined;
	}
}

export function keepManualExtension(settings: SettingsStore, serviceId: string, until: number | undefined): void {
	settings.setSetting(keyOf(serviceId), until === undefined ? undefined : JSON.stringify({until: Number.isFinite(until) ? until : null}));
}

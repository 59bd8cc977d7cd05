/**
 * A service held in its window (stopped by hand, fatal, or not restarted by its policy) stays held
 * across a restart of the scheduler: the hold is kept in the database's settings, one key a service,
 * written when the hold begins and removed when it ends (a start, the window closing).
 */
import type {ServiceState} from './service-states.js';

export type ServiceHold = {state: Extract<ServiceState, 'stopped' | 'fatal'>; note?: string; at: number};

/** Where holds are kept: the history store's settings. */
export type SettingsStore = {
	setting(key: string): string | undefined;
	setSetting(key: string, value: string | undefined): void;
	/** The keys kept that start with `prefix`. */
	settingKeys(prefix: string): string[];
};

/** A service's hold is kept under this prefix and its id. */
export const holdKeyPrefix = 'service-hold:';
const keyOf = (serviceId: string) => `${holdKeyPrefix}${serviceId}`;

export function readServiceHold(settings: SettingsStore, serviceId: string): ServiceHold | undefined {
	const text = settings.setting(keyOf(serviceId));
	if (text === undefined) {
		return undefined;
	}

	try {
		const hold = JSON.parse(text) as Partial<ServiceHold>;
		return (hold.state === 'stopped' || hold.state === 'fatal') && typeof hold.at === 'number' ? {state: hold.state, note: typeof hold.note === 'string' ? hold.note : undefined, at: hold.at} : undefined;
	} catch {
		return undefined;
	}
}

export function keepServiceHold(settings: SettingsStore, serviceId: string, hold: ServiceHold | undefined): void {
	settings.setSetting(keyOf(serviceId), hold && JSON.stringify(hold));
}

/**
 * Whether a kept hold says why it holds: `fatal` (a crash loop), or `stopped` with its note (a manual
 * stop, a restart policy that does not restart). Versions before left a `stopped` hold with no note
 * when a service was removed from jobs.yaml and put back; it held the service with nothing saying why.
 */
export function holdHasReason(hold: ServiceHold): boolean {
	return hold.state === 'fatal' || (hold.note !== undefined && hold.note.trim() !== '');
}

/**
 * A service held in its window (stopped by hand, fatal, or not restarted by its policy) stays held
 * across a restart of the scheduler: the hold is kept in the database's settings, one key a service,
 * written when the hold begins and removed when it ends (a start, the window closing).
 */
import {keepJsonSetting, readJsonSetting, type KeptSettings} from '../core/json-setting.js';
import type {ServiceState} from './service-states.js';

export type ServiceHold = {state: Extract<ServiceState, 'stopped' | 'fatal'>; note?: string; at: number};

/** Where holds are kept: the history store's settings. */
export type SettingsStore = KeptSettings & {
	/** The keys kept that start with `prefix`. */
	settingKeys(prefix: string): string[];
};

/** A service's hold is kept under this prefix and its id. */
export const holdKeyPrefix = 'service-hold:';
const keyOf = (serviceId: string) => `${holdKeyPrefix}${serviceId}`;

export function readServiceHold(settings: SettingsStore, serviceId: string): ServiceHold | undefined {
	return readJsonSetting(settings, keyOf(serviceId), ({state, note, at}) => ((state === 'stopped' || state === 'fatal') && typeof at === 'number' ? {state, note: typeof note === 'string' ? note : undefined, at} : undefined));
}

export function keepServiceHold(settings: SettingsStore, serviceId: string, hold: ServiceHold | undefined): void {
	keepJsonSetting(settings, keyOf(serviceId), hold);
}

/**
 * Whether a kept hold says why it holds: `fatal` (a crash loop), or `stopped` with its note (a manual
 * stop, a restart policy that does not restart). Versions before left a `stopped` hold with no note
 * when a service was removed from jobs.yaml and put back; it held the service with nothing saying why.
 */
export function holdHasReason(hold: ServiceHold): boolean {
	return hold.state === 'fatal' || (hold.note !== undefined && hold.note.trim() !== '');
}

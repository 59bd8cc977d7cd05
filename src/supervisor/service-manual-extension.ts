/**
 * A manual start outside a service's window keeps it wanted until the end of its next window. That
 * extension outlives a restart of the scheduler as a hold does (service-holds.ts): kept in the
 * database's settings, one key a service, written at the manual start and removed when it ends (its
 * time is up, or a manual stop), so a kill -9 of the scheduler does not stop the service it adopts.
 * The window it was reckoned from is kept with it: a jobs.yaml whose window changed while the scheduler
 * was down moves its end, as a reload does.
 */
import {keepJsonSetting, readJsonSetting} from '../core/json-setting.js';
import type {ServiceWindow} from './service-definition.js';
import type {SettingsStore} from './service-holds.js';

export type ManualExtension = {
	/** Until when (ms; Infinity: until a stop) it keeps the service up. */
	until: number;
	/** The window it was reckoned from, as its text (windowText); undefined when kept by a version before. */
	window?: string;
};

/** A window as kept beside an extension: equal texts, the same window (however the config wrote it). */
export function windowText(window: ServiceWindow): string {
	return window.kind === 'always' ? 'always' : JSON.stringify({ranges: window.ranges, timezone: window.timezone, tradingDaysOnly: window.tradingDaysOnly});
}

/** A service's manual start's end is kept under this prefix and its id. */
export const manualUntilKeyPrefix = 'service-manual-until:';
const keyOf = (serviceId: string) => `${manualUntilKeyPrefix}${serviceId}`;

/** How long a manual start keeps it up, and the window that was reckoned from, or undefined. */
export function readManualExtension(settings: SettingsStore, serviceId: string): ManualExtension | undefined {
	return readJsonSetting(settings, keyOf(serviceId), ({until, window}) => {
		const windowPart = typeof window === 'string' ? {window} : {};
		if (until === null) {
			return {until: Number.POSITIVE_INFINITY, ...windowPart};
		}

		return typeof until === 'number' ? {until, ...windowPart} : undefined;
	});
}

export function keepManualExtension(settings: SettingsStore, serviceId: string, extension: ManualExtension | undefined): void {
	keepJsonSetting(settings, keyOf(serviceId), extension && {until: Number.isFinite(extension.until) ? extension.until : null, window: extension.window});
}

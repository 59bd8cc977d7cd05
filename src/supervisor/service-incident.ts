/**
 * One open incident per service: the first trouble alerts, trouble while it is open does not (except
 * `fatal`, which is news of its own), and the recovery closes it. An incident still open when a new
 * window opens (the last one closed before the service was up for min_uptime) stays open for its
 * recovery, but the new window's first trouble is news again: the next trading day's crash at the open.
 * The open incident is kept in the database's settings (one key a service, as a hold is), so a
 * scheduler restart carries it on: a crash in the same window is not news again, and the recovery that
 * closes it is still told.
 */
import {keepJsonSetting, readJsonSetting} from '../core/json-setting.js';
import type {ServiceAlertKind} from './service-alert.js';
import type {SettingsStore} from './service-holds.js';

export type OpenIncident = {
	/** When its first trouble was seen (epoch ms). */
	openedAt: number;
	/** When its latest trouble was seen: trouble before a window opened belongs to an earlier window. */
	troubleAt: number;
};

export class ServiceIncident {
	private current: OpenIncident | undefined;
	/** When the window it is in (or was last in) opened; -Infinity: no window seen (or `always`). */
	private windowOpenedAt = Number.NEGATIVE_INFINITY;

	/** @param keep told each change (opened, new trouble, closed), to keep it across a scheduler restart */
	constructor(private readonly keep: (incident: OpenIncident | undefined) => void = () => undefined) {}

	/** Trouble seen at `at`: whether to send it. */
	trouble(kind: Exclude<ServiceAlertKind, 'service-recovered'>, at: number): boolean {
		const first = this.current === undefined || this.current.troubleAt < this.windowOpenedAt;
		this.current = {openedAt: this.current?.openedAt ?? at, troubleAt: at};
		this.keep(this.current);
		return first || kind === 'service-fatal';
	}

	/** The service stayed up: whether that is a recovery to send. */
	recovered(): boolean {
		if (this.current === undefined) {
			return false;
		}

		this.current = undefined;
		this.keep(undefined);
		return true;
	}

	/** The window opened at `openedAt` is the one it is in: its first trouble alerts, whether or not an earlier window's incident is still open. */
	newWindow(openedAt: number): void {
		this.windowOpenedAt = openedAt;
	}

	/** After a scheduler restart: the incident the scheduler before left open. */
	restore(incident: OpenIncident): void {
		this.current = incident;
	}

	get isOpen(): boolean {
		return this.current !== undefined;
	}
}

/** A service's open incident is kept under this prefix and its id. */
export const incidentKeyPrefix = 'service-incident:';
const keyOf = (serviceId: string) => `${incidentKeyPrefix}${serviceId}`;

export function readOpenIncident(settings: SettingsStore, serviceId: string): OpenIncident | undefined {
	return readJsonSetting(settings, keyOf(serviceId), ({openedAt, troubleAt}) => (typeof openedAt === 'number' && typeof troubleAt === 'number' ? {openedAt, troubleAt} : undefined));
}

/** Keeps (or, with none, removes) a service's open incident. */
export function keepOpenIncident(settings: SettingsStore, serviceId: string, incident: OpenIncident | undefined): void {
	keepJsonSetting(settings, keyOf(serviceId), incident);
}

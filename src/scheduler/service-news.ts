/**
 * What the supervisor (src/supervisor) tells the scheduler: its part of the snapshot, so every client
 * gets one snapshot, and its services' runs, told to clients and counted in today's figures as a
 * job's runs are. Service runs are recorded through the scheduler's own recorder and ordered writes.
 */
import type {RunRecord} from '../core/run-record.js';
import {summarizeRun} from '../protocol/run-summary.js';
import type {ServiceView} from '../protocol/snapshot.js';
import type {SchedulerEvents} from './scheduler-events.js';
import type {ServicesPart} from './services-part.js';
import type {SnapshotPart} from './snapshot-builder.js';
import type {TodayLedger} from './today-ledger.js';
import type {TypedEmitter} from './typed-emitter.js';

export type ServiceNewsParts = {
	readonly events: TypedEmitter<SchedulerEvents>;
	readonly today: TodayLedger;
	readonly services: ServicesPart;
	changed(...parts: SnapshotPart[]): void;
};

export function showServices(parts: ServiceNewsParts, source: () => readonly ServiceView[]): void {
	parts.services.show(source);
	servicesChanged(parts);
}

/** The services' part moved: clients read the snapshot again. */
export function servicesChanged(parts: Pick<ServiceNewsParts, 'events'>): void {
	parts.events.emit('changed', undefined);
}

export function serviceRunStarted(parts: ServiceNewsParts, record: RunRecord): void {
	parts.events.emit('run-started', summarizeRun(record));
}

export function serviceRunEnded(parts: ServiceNewsParts, record: RunRecord): void {
	parts.today.add(record);
	parts.events.emit('run-finished', summarizeRun(record));
	parts.changed('today');
}

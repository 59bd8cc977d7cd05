/**
 * The services a reload added, removed and changed, and for each changed one what changed in it
 * (supervisor/service-field-changes.ts), as the reload line and `sage-console reload` tell them.
 */
import type {ServiceDefinition} from '../supervisor/service-definition.js';
import {serviceFieldChanges} from '../supervisor/service-field-changes.js';
import {jobChanges, type JobChanges} from './job-changes.js';

/** `fields`: per changed service, `name old → new` (env: keys only). */
export type ServiceChanges = JobChanges & {fields: Record<string, string[]>};

export function serviceChanges(before: readonly ServiceDefinition[], after: readonly ServiceDefinition[]): ServiceChanges {
	const changes = jobChanges(before, after);
	const fields: Record<string, string[]> = {};
	for (const id of changes.changed) {
		fields[id] = serviceFieldChanges(before.find(def => def.id === id)!, after.find(def => def.id === id)!);
	}

	return {...changes, fields};
}

export function anyServiceChange({added, removed, changed}: JobChanges): boolean {
	return added.length + removed.length + changed.length > 0;
}

/** Services named in a reload's line, as jobs are (job-changes.ts); more are counted only. */
const namedAtMost = 5;

function named(mark: string, ids: readonly string[], text = (id: string) => id, separator = ', '): string[] {
	return ids.length === 0 ? [] : [`${mark} ${ids.slice(0, namedAtMost).map(id => text(id)).join(separator)}${ids.length > namedAtMost ? ` and ${ids.length - namedAtMost} more` : ''}`];
}

/**
 * As describeJobChanges, a changed service with what changed in it: `0 added, 0 removed, 2 changed
 * (~ feed: restart on-failure → always, env TOKEN changed; ~ quotes: stop_timeout 3.0s → 10s)`.
 */
export function describeServiceChanges({added, removed, changed, fields}: ServiceChanges): string {
	const told = (id: string) => (fields[id]?.length ? `${id}: ${fields[id].join(', ')}` : id);
	// A service's fields are separated by commas, so the services then by `; ~`.
	const separator = changed.some(id => fields[id]?.length) ? '; ~ ' : ', ';
	const parts = [...named('+', added), ...named('-', removed), ...named('~', changed, told, separator)];
	return `${added.length} added, ${removed.length} removed, ${changed.length} changed${parts.length > 0 ? ` (${parts.join('; ')})` : ''}`;
}

/**
 * The protocol's event names as values: what a `subscribe` may name, and which events a connection
 * gets only when it names them. The opt-in ones (one per fire, per missed fire, per delivery) feed the
 * HTTP API's metrics; a console or an older client that subscribes without `events` never sees them,
 * so adding them changed nothing for a peer of the same protocol version.
 */
import type {EventName} from './messages.js';

const names = {
	'run-queued': 'default',
	'run-started': 'default',
	'run-progress': 'default',
	'run-finished': 'default',
	'run-skipped': 'default',
	'log-lines': 'default',
	'job-changed': 'default',
	'config-reloaded': 'default',
	'config-invalid': 'default',
	'scheduler-state': 'default',
	'snapshot-changed': 'default',
	'job-notify': 'default',
	'job-alert': 'default',
	fired: 'opt-in',
	'fires-missed': 'opt-in',
	'alert-delivered': 'opt-in',
	'run-failure-final': 'opt-in',
} as const satisfies Record<EventName, 'default' | 'opt-in'>;

export const eventNames = Object.keys(names) as EventName[];

/** What a subscription without `events` gets. */
export const defaultEvents: readonly EventName[] = eventNames.filter(name => names[name] === 'default');

export const optInEvents: readonly EventName[] = eventNames.filter(name => names[name] === 'opt-in');

export function isEventName(name: unknown): name is EventName {
	return typeof name === 'string' && Object.hasOwn(names, name);
}

/**
 * The protocol's service requests, as the request handler (src/host/request-handler.ts) serves them to
 * every client alike: the console, the CLI and the HTTP API.
 */
import {unknownIdText} from '../config/unknown-id-text.js';
import type {Requests} from '../protocol/messages.js';
import {ProtocolError} from '../protocol/wire.js';
import type {ServiceAction, Supervisor} from './supervisor.js';

type ServiceMethod = 'start-service' | 'stop-service' | 'restart-service' | 'service-detail';
type ServiceHandlers = {[M in ServiceMethod]: (params: Requests[M]['params']) => Requests[M]['result']};

/** A job's id given for a service's: `heartbeat` for a heartbeat job. */
export type JobKindOf = (id: string) => 'job' | 'heartbeat' | undefined;

/** A job's id given where a service's goes is named as what it is, with what steers it (as a service's id given for a job's is). */
function notAJob(id: string, kind: ReturnType<JobKindOf>): void {
	if (kind === 'heartbeat') {
		throw new ProtocolError('not-found', `"${id}" is a heartbeat job, not a service: an outside process runs it and pings in (sage-console ping ${id}; in the HTTP API, POST /v1/heartbeats/${id})`);
	}

	if (kind === 'job') {
		throw new ProtocolError('not-found', `"${id}" is a job, not a service: sage-console run ${id} (r in the console's Jobs panel; in the HTTP API, POST /v1/jobs/${id}/run)`);
	}
}

function known(supervisor: Supervisor | undefined, id: string, jobKind: JobKindOf): Supervisor {
	if (!supervisor?.definition(id)) {
		notAJob(id, jobKind(id));
		const ids = supervisor?.ids ?? [];
		throw new ProtocolError('not-found', unknownIdText({what: 'service', id, known: ids, none: 'jobs.yaml declares no services'}));
	}

	return supervisor;
}

export function serviceHandlers(supervisor: Supervisor | undefined, jobKind: JobKindOf = () => undefined): ServiceHandlers {
	const act = (action: ServiceAction) => ({serviceId}: {serviceId: string}) => {
		const result = known(supervisor, serviceId, jobKind).control(action, serviceId)!;
		return {...result, service: supervisor!.snapshot().find(view => view.id === serviceId)};
	};

	return {
		'start-service': act('start'),
		'stop-service': act('stop'),
		'restart-service': act('restart'),
		'service-detail': ({serviceId, lines}) => known(supervisor, serviceId, jobKind).detail(serviceId, Math.min(Math.max(lines ?? 50, 1), 1000))!,
	};
}

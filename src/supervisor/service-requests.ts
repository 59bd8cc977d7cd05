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

function known(supervisor: Supervisor | undefined, id: string): Supervisor {
	if (!supervisor?.definition(id)) {
		const ids = supervisor?.ids ?? [];
		throw new ProtocolError('not-found', unknownIdText({what: 'service', id, known: ids, none: 'jobs.yaml declares no services'}));
	}

	return supervisor;
}

export function serviceHandlers(supervisor: Supervisor | undefined): ServiceHandlers {
	const act = (action: ServiceAction) => ({serviceId}: {serviceId: string}) => {
		const result = known(supervisor, serviceId).control(action, serviceId)!;
		return {...result, service: supervisor!.snapshot().find(view => view.id === serviceId)};
	};

	return {
		'start-service': act('start'),
		'stop-service': act('stop'),
		'restart-service': act('restart'),
		'service-detail': ({serviceId, lines}) => known(supervisor, serviceId).detail(serviceId, Math.min(Math.max(lines ?? 50, 1), 1000))!,
	};
}

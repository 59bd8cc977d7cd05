/**
 * The operator's start, stop or restart of a service (console, CLI, HTTP API) routed to it, refused
 * while the scheduler stops its services, and the answer logged as the operator's.
 */
import type {ActionResult, SupervisedService} from './supervised-service.js';
import type {SupervisorSay} from './supervisor-deps.js';

export type ServiceAction = 'start' | 'stop' | 'restart';

export type ServiceControlDeps = {
	/** The scheduler is stopping: its services are being stopped, nothing is started. */
	closing: boolean;
	say: SupervisorSay;
	/** After the action: the window edges planned again (and clients told). */
	replan(): void;
};

/** Carries out `action` on `service`, or says why not. */
export function controlService(action: ServiceAction, service: SupervisedService, deps: ServiceControlDeps): ActionResult {
	if (deps.closing) {
		return {ok: false, message: 'the scheduler is stopping: services are being stopped'};
	}

	const id = service.def.id;
	const result = action === 'start' ? service.start() : (action === 'stop' ? service.stop() : service.restart());
	deps.say(result.ok ? 'info' : 'warn', `${action} ${id} (operator): ${result.message}`, {jobId: id});
	deps.replan();
	return result;
}

/**
 * A new jobs.yaml for the services: the supervised set diffed against the new definitions. A service
 * gone from the file is stopped as removed (its hold and open incident forgotten), a changed one takes its new
 * definition (which restarts it when what it runs changed), an added one is supervised from now on.
 * Reconciling with the windows afterwards is the supervisor's.
 */
import type {ServiceDefinition} from './service-definition.js';
import type {SupervisedService} from './supervised-service.js';
import type {SupervisorSay} from './supervisor-deps.js';

export type ServicesReloadDeps = {
	/** A new service under supervision, wired to the supervisor. */
	supervise(def: ServiceDefinition): SupervisedService;
	/** After an add: restarts counted today and a hold from earlier in its window. */
	restore(service: SupervisedService): void;
	/** A removed service's hold, open incident and manual start are over. */
	forget(serviceId: string): void;
	/** A removed service's stop, under way: a shutdown waits for it as for a service still in the file. */
	removing(serviceId: string, stopped: Promise<void>): void;
	say: SupervisorSay;
};

/** Brings `services` (changed in place) in line with `definitions`. */
export function reloadServices(services: Map<string, SupervisedService>, definitions: readonly ServiceDefinition[], deps: ServicesReloadDeps): void {
	const next = new Map(definitions.map(def => [def.id, def]));
	for (const [id, service] of services) {
		if (!next.has(id)) {
			services.delete(id);
			deps.forget(id);
			deps.removing(id, service.close('removed'));
			deps.say('info', `service ${id} removed from jobs.yaml: stopping it`, {jobId: id});
		}
	}

	for (const def of definitions) {
		const service = services.get(def.id);
		if (service) {
			service.replace(def);
		} else {
			const added = deps.supervise(def);
			services.set(def.id, added);
			deps.restore(added);
		}
	}
}

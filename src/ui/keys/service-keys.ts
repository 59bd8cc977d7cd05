/** What `s`, `x` and `X` do to a service: in the services panel and in a service's view. */
import type {ServiceView} from '../../protocol/snapshot.js';
import type {ServiceVerb} from '../state/console-state.js';
import {formatElapsed} from '../relative-time.js';
import type {KeyContext} from './key-context.js';
import {say, selectedIndex} from './key-context.js';

/** The service a key is about: the open service view's, else the one under the services panel's cursor. */
export function serviceInQuestion(context: KeyContext): ServiceView | undefined {
	const state = context.getState();
	if (state.overlay.kind === 'service') {
		const {serviceId} = state.overlay;
		return context.services.find(service => service.id === serviceId);
	}

	return state.focus === 'services' ? context.services[selectedIndex(context, 'services')] : undefined;
}

/** `s` starts at once; `x` and `X` ask first, as cancelling a run does: a stopped gateway stops trading. */
export function controlService(context: KeyContext, verb: ServiceVerb): void {
	const service = serviceInQuestion(context);
	if (!service) {
		say(context, context.services.length === 0 ? 'no services in jobs.yaml' : 'select a service first (Tab to the services panel)', 'bad');
		return;
	}

	if (verb === 'start') {
		context.actions.controlService('start', service.id);
		return;
	}

	const process = service.pid === undefined ? '' : ` (pid ${service.pid}${service.upSince === undefined ? '' : `, up ${formatElapsed(Date.now() - service.upSince)}`})`;
	const question = verb === 'stop'
		? `Stop ${service.id}${process}? It stays stopped until s or its next window.`
		: `Restart ${service.id}${process}?`;
	context.dispatch({type: 'confirm', question, action: {kind: 'service', verb, serviceId: service.id}});
}

/** The answer to a stop or restart question: only `y` goes ahead. */
export function answerService(context: KeyContext, verb: Exclude<ServiceVerb, 'start'>, serviceId: string, yes: boolean): void {
	if (yes) {
		context.actions.controlService(verb, serviceId);
	} else {
		say(context, `${serviceId} not ${verb === 'stop' ? 'stopped' : 'restarted'}: it goes on as it is`);
	}
}

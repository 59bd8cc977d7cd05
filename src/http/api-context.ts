import type {FastifyInstance} from 'fastify';
import type {EventJournal} from './event-journal.js';
import type {ProtocolCall} from './protocol-call.js';
import type {HealthView} from './scheduler-link.js';

/** What every route file is given: the protocol, the SSE journal, the metrics and the scheduler's health. */
export type ApiContext = {
	call: ProtocolCall;
	journal: EventJournal;
	metrics?: {contentType: string; text(): Promise<string>};
	/** Known without a request (the API's thread follows the scheduler's state); asked for when absent. */
	health?: (now: number) => HealthView;
	/** A line for the scheduler's log (a client the API dropped); none in tests that do not ask. */
	warn?: (fields: Record<string, unknown>, message: string) => void;
};

/** Who may use a route: anyone (health), `read` tokens and up, `control` tokens, or /metrics' own rule. */
export type RouteScope = 'public' | 'read' | 'control' | 'metrics';

declare module 'fastify' {
	interface FastifyContextConfig {
		scope?: RouteScope;
		/** A body of any kind is taken and not read (a heartbeat ping's, as Healthchecks takes a log in it). */
		anyBody?: boolean;
		/** A token is taken in `?access_token=` too (presented-token.ts): the streams a browser's EventSource opens. */
		urlToken?: boolean;
	}
}

export type RouteRegistrar = (app: FastifyInstance, context: ApiContext) => void;

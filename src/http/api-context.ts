import type {FastifyInstance} from 'fastify';
import type {EventJournal} from './event-journal.js';
import type {ProtocolCall} from './protocol-call.js';

/** What every route file is given: the protocol, the SSE journal and the metrics. */
export type ApiContext = {
	call: ProtocolCall;
	journal: EventJournal;
	metrics?: {contentType: string; text(): Promise<string>};
};

/** Who may use a route: anyone (health), `read` tokens and up, `control` tokens, or /metrics' own rule. */
export type RouteScope = 'public' | 'read' | 'control' | 'metrics';

declare module 'fastify' {
	interface FastifyContextConfig {
		scope?: RouteScope;
	}
}

export type RouteRegistrar = (app: FastifyInstance, context: ApiContext) => void;

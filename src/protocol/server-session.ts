import type {EventName, Events, Method, ParamsOf, ResultOf} from './messages.js';
import {defaultEvents, isEventName} from './event-names.js';
import {checkParams, isMethod} from './params-check.js';
import {protocolVersion} from './protocol-version.js';
import type {Transport} from './transport.js';
import {ProtocolError, readRequest, type ErrorBody} from './wire.js';

/** Carries out a request; throws ProtocolError for a refusal the client should read. */
export type RequestHandler = <M extends Method>(method: M, params: ParamsOf<M>) => ResultOf<M> | Promise<ResultOf<M>>;

/** Where a session hears the scheduler's events: `names` only, or the default ones (event-names.ts). */
export type EventSource = {
	on(listener: <E extends EventName>(name: E, data: Events[E]) => void, names?: ReadonlySet<EventName>): () => void;
};

export type SessionInfo = {pid: number; startedAt: number; version: string; root: string};

/** A client's connection being served: who it said it is (hello's `client`), and its end. */
export type ServedSession = {readonly client: string | undefined; close(): void};

/**
 * One client's connection, seen from the scheduler: it must say hello first (with the same protocol
 * version), then each request is checked, carried out and answered; after `subscribe`, events reach it
 * in the order they were published. A malformed or unknown message gets an error response and the
 * connection stays usable: a client's mistake never reaches the scheduler.
 */
export function serveSession(transport: Transport, handler: RequestHandler, events: EventSource, info: SessionInfo, droppedAt?: (client: string) => number | undefined): ServedSession {
	let greeted = false;
	let client: string | undefined;
	let unsubscribe: (() => void) | undefined;
	const reply = (id: number | null, body: {result: unknown} | {error: ErrorBody}) => {
		transport.send('result' in body ? {kind: 'response', id, ok: true, result: body.result} : {kind: 'response', id, ok: false, error: body.error});
	};

	const handle = (raw: unknown): void => {
		const request = readRequest(raw);
		if ('problem' in request) {
			reply(request.id, {error: {code: 'bad-message', message: request.problem}});
			return;
		}

		const {id, method, params} = request;
		if (!isMethod(method)) {
			reply(id, {error: {code: 'unknown-method', message: `unknown method "${String(method)}" (protocol ${protocolVersion})`}});
			return;
		}

		const problem = checkParams(method, params);
		if (problem) {
			reply(id, {error: {code: 'bad-params', message: problem}});
			return;
		}

		if (method === 'hello') {
			const {protocol} = params as ParamsOf<'hello'>;
			if (protocol !== protocolVersion) {
				reply(id, {error: {code: 'version-mismatch', message: `this scheduler (pid ${info.pid}, sage-console ${info.version}) speaks protocol ${protocolVersion}, the client ${protocol}: use the same sage-console version for both`}});
				return;
			}

			greeted = true;
			client = (params as ParamsOf<'hello'>).client;
			const dropped = droppedAt?.(client);
			reply(id, {result: {protocol: protocolVersion, ...info, ...(dropped === undefined ? {} : {droppedAt: dropped})} satisfies ResultOf<'hello'>});
			return;
		}

		if (!greeted) {
			reply(id, {error: {code: 'bad-message', message: 'say hello first (method "hello" with the protocol version)'}});
			return;
		}

		if (method === 'subscribe') {
			const {events: named} = params as ParamsOf<'subscribe'>;
			const unknown = named?.find(name => !isEventName(name));
			if (unknown !== undefined) {
				reply(id, {error: {code: 'bad-params', message: `subscribe: unknown event ${JSON.stringify(unknown)} (protocol ${protocolVersion})`}});
				return;
			}

			// Listening before the snapshot is taken: nothing published after it can be missed. Subscribing
			// again replaces the choice of events.
			if (named !== undefined || !unsubscribe) {
				const previous = unsubscribe;
				unsubscribe = events.on((name, data) => transport.send({kind: 'event', name, data}), new Set(named ?? defaultEvents));
				previous?.();
			}
		}

		const fail = (error: unknown) => {
			reply(id, {error: error instanceof ProtocolError
				? {code: error.code, message: error.message}
				: {code: 'internal', message: error instanceof Error ? error.message : String(error)}});
		};

		try {
			const result = handler(method, params as never);
			if (result instanceof Promise) {
				result.then(value => reply(id, {result: value}), fail);
			} else {
				// Answered in the same turn: no event published after a snapshot can overtake it.
				reply(id, {result});
			}
		} catch (error) {
			fail(error);
		}
	};

	transport.onMessage(handle);
	const close = () => {
		unsubscribe?.();
		unsubscribe = undefined;
	};

	transport.onClose(close);
	return {
		get client() {
			return client;
		},
		close() {
			close();
			transport.close();
		},
	};
}

/**
 * The HTTP API: one more client of the protocol, served on a thread of its own in the scheduling
 * process (console or headless). Every request is checked in this order: its Host header (DNS
 * rebinding), where a browser's request comes from (a page on another site), its token and scope,
 * its schema (Fastify's), its body size; then it becomes protocol requests to the scheduler, as the
 * console's and the CLI's are. Errors are JSON `{error, message}`.
 * Tokens are never logged: Fastify's logger is off (no request line with a `?access_token=` is kept),
 * and a token is read only here (presented-token.ts).
 */
import type {AddressInfo} from 'node:net';
import Fastify, {type FastifyError, type FastifyInstance, type FastifyReply} from 'fastify';
import type {EventSource} from '../protocol/server-session.js';
import type {ApiContext, RouteScope} from './api-context.js';
import type {ApiTokens, Scope} from './api-tokens.js';
import {answerClientError} from './client-errors.js';
import {EventJournal} from './event-journal.js';
import {exactBodyTypes} from './exact-body-types.js';
import {allowedHosts, hostAllowed} from './host-check.js';
import {crossSiteProblem} from './origin-check.js';
import {isLoopback, splitListen} from '../config/listen-address.js';
import {HttpError} from './http-errors.js';
import {integersAsDigits} from './integer-text.js';
import {presentedToken, urlToken, urlTokenRoutes} from './presented-token.js';
import {readJsonBodies} from './json-body.js';
import {protocolCall, type ProtocolRequester} from './protocol-call.js';
import {RouteMethods} from './route-methods.js';
import {schemaErrorMessage} from './schema-error-message.js';
import {refuseUnreadInput} from './unread-input.js';
import {registerEventsRoute} from './routes/events-route.js';
import {registerHeartbeatRoutes} from './routes/heartbeat-routes.js';
import {registerJobRoutes} from './routes/job-routes.js';
import {registerJobsFileRoutes} from './routes/jobs-file-routes.js';
import {registerMetricsRoute} from './routes/metrics-route.js';
import {registerRunRoutes} from './routes/run-routes.js';
import {registerSchedulerRoutes} from './routes/scheduler-routes.js';
import {registerServiceRoutes} from './routes/service-routes.js';
import {drainRefusedBody} from './refused-body-drain.js';

export type HttpServerOptions = {
	/** `host:port`; port 0 picks a free one (tests). */
	listen: string;
	tokens: ApiTokens;
	allowedHosts: readonly string[];
	metricsPublic: boolean;
	bodyLimitBytes: number;
	/** The scheduler's protocol (a `SchedulerClient`). */
	client: ProtocolRequester;
	/** The protocol's events, for `/v1/events`. */
	events: EventSource;
	metrics?: ApiContext['metrics'];
	health?: ApiContext['health'];
	warn?: ApiContext['warn'];
};

/** Listening refused: a non-loopback address with no token, or an address that cannot be had. */
export class HttpListenError extends Error {
	override name = 'HttpListenError';
}

export type HttpServer = {
	/** `http://host:port` as it listens. */
	url: string;
	port: number;
	close(): Promise<void>;
};

/** `64 KiB`, `1 MiB`, `1536 bytes`: body_limit as jobs.yaml would give it. */
function byteSize(bytes: number): string {
	if (bytes % 1_048_576 === 0) {
		return `${bytes / 1_048_576} MiB`;
	}

	return bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}

/** The longest path parameter the router takes. */
const maxPathParamLength = 256;

const allows = (scope: Scope | undefined, needed: RouteScope) => needed === 'public' || scope === 'control' || (scope === 'read' && needed !== 'control');

function buildApp(options: HttpServerOptions, hosts: () => ReadonlySet<string>, context: ApiContext): FastifyInstance {
	// Unknown fields are refused, not silently dropped (Fastify's default removes them).
	// `verbose`: schema errors carry the refused value and the schema around it, for their messages.
	const app = Fastify({
		logger: false, bodyLimit: options.bodyLimitBytes, return503OnClosing: true, forceCloseConnections: true,
		// `/v1/status/` is `/v1/status`: otherwise it was a 405 saying the path takes the GET it was asked with.
		// Past the longest id jobs.yaml takes (maxIdLength, 200), so every job and service is addressable and
		// the ids' schemas, not the router, refuse a longer one in their words.
		routerOptions: {ignoreTrailingSlash: true, maxParamLength: maxPathParamLength},
		ajv: {customOptions: {removeAdditional: false, verbose: true}},
		schemaController: exactBodyTypes(),
		schemaErrorFormatter: (errors, dataVar) => new Error(schemaErrorMessage(errors, dataVar)),
		clientErrorHandler: answerClientError,
		// The router's own refusals, answered before any route: in the API's shape, not Fastify's {error, code, statusCode}.
		frameworkErrors(error, request, reply) {
			const path = request.url.split('?')[0]!;
			const shown = path.length > 80 ? `${path.slice(0, 77)}...` : path;
			const message = error.code === 'FST_ERR_MAX_PARAM_LENGTH'
				? `${request.method} ${shown}: a path parameter is longer than ${maxPathParamLength} characters`
				: `${request.method} ${shown}: the path is not valid percent-encoded UTF-8`;
			void (reply as FastifyReply).code(400).send({error: 'bad-params', message});
		},
	});
	app.addHook('onRequest', async request => {
		if (!hostAllowed(request.headers.host, hosts())) {
			throw new HttpError(403, 'bad-host', `Host "${request.headers.host ?? ''}" is not this API's (allowed_hosts in jobs.yaml's http: adds names)`);
		}

		const crossSite = crossSiteProblem(request.headers, hosts());
		if (crossSite) {
			throw new HttpError(403, 'bad-origin', crossSite);
		}

		// Every route names its scope; only the not-found answer has none, and it shows no more than a read.
		const needed = request.routeOptions.config.scope ?? 'read';
		if (!options.tokens.configured || needed === 'public' || (needed === 'metrics' && options.metricsPublic)) {
			return;
		}

		const presented = presentedToken(request);
		if (presented === undefined) {
			const inUrl = request.routeOptions.config.urlToken ? ' or ?access_token=TOKEN' : (urlToken(request) === undefined ? '' : `; ?access_token= is taken only by ${urlTokenRoutes}`);
			throw new HttpError(401, 'unauthorized', `this API needs a bearer token (Authorization: Bearer TOKEN${inUrl})`);
		}

		const scope = options.tokens.scopeOf(presented.token);
		if (scope === undefined) {
			throw new HttpError(401, 'unauthorized', `the ${presented.inUrl ? 'access_token' : 'bearer token'} is not one of this API's tokens`);
		}

		if (presented.inUrl && scope === 'control') {
			throw new HttpError(403, 'forbidden', 'a control token is not taken in a URL (?access_token=), where proxy logs and browser history keep it: give the URL a read token');
		}

		if (!allows(scope, needed === 'metrics' ? 'read' : needed)) {
			throw new HttpError(403, 'forbidden', `a ${scope} token cannot do this: it needs a ${needed} token`);
		}
	});
	app.addHook('preValidation', integersAsDigits);
	app.setErrorHandler(async (error: FastifyError | HttpError, request, reply) => {
		if (error instanceof HttpError) {
			if (error.status === 401) {
				void reply.header('www-authenticate', 'Bearer realm="sage-console"');
			}

			return reply.code(error.status).send({error: error.code, message: error.message, ...error.extra});
		}

		if (error.validation) {
			// A query, path or body that breaks its schema: the same code as the checks routes make themselves.
			return reply.code(400).send({error: 'bad-params', message: error.message});
		}

		const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
		if (status === 413) {
			await drainRefusedBody(request.raw);
			return reply.code(413).send({error: 'too-large', message: `the request body is larger than the API takes: ${byteSize(options.bodyLimitBytes)} (http.body_limit in jobs.yaml)`});
		}

		if (status === 415) {
			const path = request.url.split('?')[0]!;
			const reads = request.routeOptions.url === '/v1/import' ? 'JSON (application/json) or YAML (application/yaml)' : 'JSON (application/json)';
			return reply.code(415).send({error: 'unsupported-media-type', message: `${request.method} ${path} does not read a body of type ${request.headers['content-type'] ?? '(none)'}: it reads ${reads}`});
		}

		const code = status >= 500 ? 'internal' : 'bad-request';
		return reply.code(status).send({error: code, message: error.message});
	});
	// Fastify reads text/plain as a string, which a JSON route then refused as a schema error (400
	// bad-params): it is a body type the API does not read (415), as a form or XML is.
	app.removeContentTypeParser('text/plain');
	readJsonBodies(app);
	const routeMethods = new RouteMethods();
	routeMethods.watch(app);
	refuseUnreadInput(app);
	app.setNotFoundHandler((request, reply) => {
		const path = request.url.split('?')[0]!;
		const served = routeMethods.of(path);
		if (served) {
			// A known path asked with a method it does not take: 405 names the ones it takes.
			const allowed = served.methods.join(', ');
			return reply.code(405).header('allow', allowed).send({error: 'method-not-allowed', message: `${request.method} ${path}: ${served.pattern} takes ${allowed}`, allowed: served.methods});
		}

		return reply.code(404).send({error: 'not-found', message: `no route ${request.method} ${path}`});
	});
	for (const register of [registerSchedulerRoutes, registerJobRoutes, registerRunRoutes, registerEventsRoute, registerHeartbeatRoutes, registerJobsFileRoutes, registerMetricsRoute, registerServiceRoutes]) {
		register(app, context);
	}

	return app;
}

/** A built API whose schemas are compiled, not yet listening. */
export type PreparedHttpServer = {listen(): Promise<HttpServer>; close(): Promise<void>};

/**
 * Builds the API and compiles its schemas (~0.5 s of the API's thread).
 * @throws HttpListenError when the address is not loopback and no token is set
 */
export async function prepareHttpServer(options: HttpServerOptions): Promise<PreparedHttpServer> {
	const {host, port} = splitListen(options.listen);
	if (!isLoopback(host) && !options.tokens.configured) {
		throw new HttpListenError(`the HTTP API listens beyond loopback (${options.listen}) only with a token: set SAGE_API_TOKENS or http.tokens_file`);
	}

	const journal = new EventJournal(options.events);
	let hosts: ReadonlySet<string> = new Set();
	const app = buildApp(options, () => hosts, {call: protocolCall(options.client), journal, metrics: options.metrics, health: options.health, warn: options.warn});
	await app.ready();
	const close = async () => {
		journal.close();
		await app.close();
	};

	return {
		close,
		async listen() {
			try {
				await app.listen({host, port});
			} catch (error) {
				await close();
				throw new HttpListenError(`the HTTP API cannot listen on ${options.listen}: ${(error as Error).message}`, {cause: error});
			}

			const address = app.server.address() as AddressInfo;
			hosts = allowedHosts(host, address.port, options.allowedHosts);
			const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
			return {url: `http://${shown}:${address.port}`, port: address.port, close};
		},
	};
}

/** Builds and starts the API at once. @throws HttpListenError */
export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
	return (await prepareHttpServer(options)).listen();
}

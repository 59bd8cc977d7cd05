/**
 * The HTTP API's place in the host: settings from jobs.yaml's `http:` (or `--http ADDR`, passed on as
 * SAGE_HTTP so the console's scheduler thread sees it too), tokens from SAGE_API_TOKENS or the tokens
 * file, the metrics, then the server. A setting that cannot be used leaves the API off with an error in
 * the log and a notice on the console; the scheduler runs on.
 */
import path from 'node:path';
import type {HttpSettings} from '../core/job-definition.js';
import {ApiTokens, TokenConfigError} from '../http/api-tokens.js';
import {HttpListenError, prepareHttpServer} from '../http/http-server.js';
import {marketPhase} from '../market/market-session.js';
import {exchangeTimeZone, type TradingCalendar} from '../market/trading-calendar.js';
import {SchedulerMetrics} from '../metrics/scheduler-metrics.js';
import type {Notifier} from '../notify/notifier.js';
import type {EventSource, RequestHandler} from '../protocol/server-session.js';
import type {SchedulerLogger} from '../scheduler/ports.js';
import type {Scheduler} from '../scheduler/scheduler.js';
import {zonedDate} from '../time/zoned-time.js';

export type RunningApi = {url: string; close(): Promise<void>};

/** Built and compiled, not listening yet: `listen` once the scheduler has started. */
export type PreparedApi = {listen(): Promise<RunningApi | undefined>; close(): Promise<void>};

export type ApiParts = {
	settings: HttpSettings | undefined;
	/** `--http ADDR`: listen there even without `http:` in jobs.yaml. */
	listenOverride: string | undefined;
	root: string;
	handler: RequestHandler;
	events: EventSource;
	scheduler: Scheduler;
	calendar: TradingCalendar;
	notifier: Notifier | undefined;
	logger: SchedulerLogger;
	setNotice(key: string, text: string | undefined): void;
	env: NodeJS.ProcessEnv;
};

const defaults: HttpSettings = {listen: '127.0.0.1:8470', allowedHosts: [], metricsPublic: false, bodyLimitBytes: 1_048_576};

/**
 * Builds the API when it is configured (undefined when it is off or cannot be used). Building compiles
 * every route's schema, half a second of one thread: the host does it before the scheduler fires, and
 * listens after.
 */
export async function prepareApi(parts: ApiParts): Promise<PreparedApi | undefined> {
	const settings = parts.listenOverride ? {...defaults, ...parts.settings, listen: parts.listenOverride} : parts.settings;
	if (!settings) {
		return undefined;
	}

	if (!/^(\[[\da-f:.]+\]|[\w.-]+):\d{1,5}$/i.test(settings.listen)) {
		parts.logger.error({}, `HTTP API off: --http "${settings.listen}" is not HOST:PORT (e.g. 127.0.0.1:8470)`);
		parts.setNotice('http', `HTTP API off: --http "${settings.listen}" is not HOST:PORT`);
		return undefined;
	}

	const metrics = new SchedulerMetrics({
		events: parts.scheduler.events,
		snapshot: () => parts.scheduler.snapshot(),
		market: now => ({tradingDay: parts.calendar.isTradingDay(zonedDate(now, exchangeTimeZone)), phase: marketPhase(now, parts.calendar)}),
		now: () => Date.now(),
	});
	const offDeliveries = parts.notifier?.onDelivery(result => metrics.delivered(result));
	const off = (error: Error) => {
		offDeliveries?.();
		metrics.close();
		parts.logger.error({}, `HTTP API off: ${error.message}`);
		parts.setNotice('http', `HTTP API off: ${error.message}`);
	};

	const refused = (error: unknown): error is Error => error instanceof TokenConfigError || error instanceof HttpListenError;
	try {
		const tokens = ApiTokens.load(parts.env.SAGE_API_TOKENS, settings.tokensFile && path.resolve(parts.root, settings.tokensFile));
		const prepared = await prepareHttpServer({...settings, tokens, handler: parts.handler, events: parts.events, metrics});
		return {
			async listen() {
				try {
					const server = await prepared.listen();
					metrics.seedLastSuccesses();
					// No token in the log, only whether one is needed (in the message: the log's redaction blanks fields named like secrets).
					parts.logger.info({url: server.url, metricsPublic: settings.metricsPublic}, `HTTP API listening on ${server.url} (${tokens.configured ? 'bearer tokens required' : 'no tokens: loopback only'})`);
					parts.setNotice('http', undefined);
					return {
						url: server.url,
						async close() {
							await server.close();
							offDeliveries?.();
							metrics.close();
						},
					};
				} catch (error) {
					if (!refused(error)) {
						throw error;
					}

					off(error);
					return undefined;
				}
			},
			async close() {
				await prepared.close();
				offDeliveries?.();
				metrics.close();
			},
		};
	} catch (error) {
		if (!refused(error)) {
			throw error;
		}

		off(error);
		return undefined;
	}
}

/**
 * The HTTP API's place in the host: settings from jobs.yaml's `http:` (or `--http ADDR`, passed on as
 * SAGE_HTTP so the console's scheduler thread sees it too), then the API's own thread (api-thread.ts),
 * a protocol client like the console. A setting that cannot be used leaves the API off with an error in
 * the log and a notice on the console; a crash of the thread is logged and noticed, the scheduler runs
 * on, and the thread is started again once after a pause.
 */
import {isListenAddress} from '../config/listen-address.js';
import {defaultHealthTimeoutMs, type HttpSettings} from '../core/job-definition.js';
import {cleartextApiWarning} from '../http/cleartext-api-warning.js';
import type {Transport} from '../protocol/transport.js';
import type {SchedulerLogger} from '../scheduler/ports.js';
import {startApiThread, type ApiThread} from './api-thread.js';

export type RunningApi = {
	/** `http://host:port` while it listens (a restart after a crash may change a port 0). */
	readonly url: string | undefined;
	/** The thread now serving, for tests and the bench. */
	readonly thread: ApiThread | undefined;
	close(): Promise<void>;
};

export type ApiParts = {
	settings: HttpSettings | undefined;
	/** `--http ADDR`: listen there even without `http:` in jobs.yaml. */
	listenOverride: string | undefined;
	root: string;
	/** Serves the protocol to the thread's end of a MessagePort (`SchedulerHost.serve`). */
	serve(transport: Transport): void;
	logger: SchedulerLogger;
	setNotice(key: string, text: string | undefined): void;
	/** Before the one restart after a crash. @default 1000 */
	restartDelayMs?: number;
};

const defaults: HttpSettings = {listen: '127.0.0.1:8470', allowedHosts: [], metricsPublic: false, bodyLimitBytes: 1_048_576, healthTimeoutMs: defaultHealthTimeoutMs};

const reason = (error: Error) => error.message.split('\n')[0]!;

/**
 * Starts the API on its thread when it is configured, once the scheduler listens; settles when it
 * listens (undefined when it is off or cannot be used).
 */
export async function startApi(parts: ApiParts): Promise<RunningApi | undefined> {
	const settings = parts.listenOverride ? {...defaults, ...parts.settings, listen: parts.listenOverride} : parts.settings;
	if (!settings) {
		return undefined;
	}

	const off = (message: string) => {
		parts.logger.error({}, `HTTP API off: ${message}`);
		parts.setNotice('http', `HTTP API off: ${message}`);
	};

	if (!isListenAddress(settings.listen)) {
		parts.logger.error({}, `HTTP API off: --http "${settings.listen}" is not HOST:PORT with a port up to 65535 (e.g. 127.0.0.1:8470)`);
		parts.setNotice('http', `HTTP API off: --http "${settings.listen}" is not HOST:PORT`);
		return undefined;
	}

	let thread: ApiThread | undefined;
	let url: string | undefined;
	let closed = false;
	let restartTimer: NodeJS.Timeout | undefined;
	let restarts = 0;

	/** One thread's life: listening (true), refused or failed to start (false); its crash handled later. */
	const launch = async (): Promise<boolean> => {
		const started = startApiThread(settings, parts.root, parts.serve, parts.logger);
		thread = started;
		let outcome;
		try {
			outcome = await started.ready;
		} catch (error) {
			thread = undefined;
			off(`its thread failed to start: ${reason(error as Error)}`);
			return false;
		}

		if ('refused' in outcome) {
			thread = undefined;
			off(outcome.refused);
			return false;
		}

		url = outcome.url;
		// No token in the log, only whether one is needed (in the message: the log's redaction blanks fields named like secrets).
		parts.logger.info({url, metricsPublic: settings.metricsPublic, tid: outcome.tid}, `HTTP API listening on ${url} (${outcome.tokens ? 'bearer tokens required' : 'no tokens: loopback only'})`);
		parts.setNotice('http', undefined);
		const cleartext = restarts === 0 ? cleartextApiWarning(settings.listen) : undefined;
		if (cleartext !== undefined) {
			parts.logger.warn({listen: settings.listen}, cleartext);
		}

		void started.ended.then(({crash}) => {
			if (crash && !closed && thread === started) {
				crashed(crash);
			}
		});
		return true;
	};

	const crashed = (error: Error) => {
		thread = undefined;
		url = undefined;
		parts.logger.error({err: error}, `HTTP API thread crashed: ${reason(error)}; the scheduler runs on`);
		if (restarts > 0) {
			parts.setNotice('http', `HTTP API off: its thread crashed twice (${reason(error)})`);
			return;
		}

		restarts++;
		const delayMs = parts.restartDelayMs ?? 1000;
		parts.setNotice('http', `HTTP API thread crashed (${reason(error)}); starting it again in ${delayMs / 1000} s`);
		restartTimer = setTimeout(() => {
			if (!closed) {
				void launch();
			}
		}, delayMs);
	};

	if (!await launch()) {
		return undefined;
	}

	return {
		get url() {
			return url;
		},
		get thread() {
			return thread;
		},
		async close() {
			closed = true;
			clearTimeout(restartTimer);
			await thread?.stop();
			thread = undefined;
			url = undefined;
		},
	};
}

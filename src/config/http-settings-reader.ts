import {isListenAddress} from './listen-address.js';
import {defaultHealthTimeoutMs, type HttpSettings} from '../core/job-definition.js';
import {parseMemorySize} from './quantities.js';
import {MapReader} from './map-reader.js';

/** `http: {listen, tokens_file, allowed_hosts, metrics_public, body_limit, health_timeout}`; tokens themselves never live here. */
export function readHttp(root: MapReader): HttpSettings | undefined {
	const node = root.node('http');
	const reader = node === undefined ? undefined : MapReader.of(root.source, node, 'http');
	if (!reader) {
		return undefined;
	}

	if (reader.has('tokens') || reader.has('token')) {
		reader.reportKey(reader.has('tokens') ? 'tokens' : 'token', 'API tokens do not belong in jobs.yaml: set SAGE_API_TOKENS or name a 0600 tokens_file');
	}

	reader.rejectUnknownKeys(['listen', 'tokens_file', 'allowed_hosts', 'metrics_public', 'body_limit', 'health_timeout', 'tokens', 'token']);
	const listen = reader.string('listen') ?? '127.0.0.1:8470';
	if (!isListenAddress(listen)) {
		reader.report('listen', `listen "${listen}" must be HOST:PORT, e.g. 127.0.0.1:8470`);
	}

	const bodyLimit = reader.value('body_limit');
	const bodyLimitMb = bodyLimit === undefined ? 1 : parseMemorySize(bodyLimit);
	if (bodyLimitMb === undefined) {
		reader.report('body_limit', `body_limit "${String(bodyLimit)}" is not a size (use 256kb, 1mb)`);
	}

	return {
		listen,
		tokensFile: reader.string('tokens_file'),
		allowedHosts: reader.stringList('allowed_hosts') ?? [],
		metricsPublic: reader.boolean('metrics_public') ?? false,
		bodyLimitBytes: Math.round((bodyLimitMb ?? 1) * 1_048_576),
		healthTimeoutMs: reader.duration('health_timeout', {longestMs: 3_600_000, atLeast: {ms: 2000, text: '2s (the scheduler is asked every few seconds)'}}) ?? defaultHealthTimeoutMs,
	};
}

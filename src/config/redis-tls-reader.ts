import type {RedisTlsFiles} from '../core/job-definition.js';
import {MapReader} from './map-reader.js';

/**
 * `redis.tls: {ca_file, cert_file, key_file}`: the PEM files of Redis over TLS, each optional, relative
 * to the root. Only with a `rediss://` URL (a `redis://` one would send them nothing), and a client
 * certificate goes with its key. Whether the files are there and the key is 0600 is checked where
 * they are read (redis-settings.ts), so `validate` and a start say the same.
 */
export function readRedisTls(redis: MapReader, protocol: string): RedisTlsFiles | undefined {
	if (!redis.has('tls')) {
		return undefined;
	}

	const reader = MapReader.of(redis.source, redis.node('tls'), 'redis.tls');
	if (!reader) {
		return undefined;
	}

	reader.rejectUnknownKeys(['ca_file', 'cert_file', 'key_file']);
	const files: RedisTlsFiles = {};
	const caFile = reader.string('ca_file');
	const certFile = reader.string('cert_file');
	const keyFile = reader.string('key_file');
	if (protocol !== 'rediss:') {
		redis.reportKey('tls', 'redis.tls needs a rediss:// url (TLS), not redis://');
		return undefined;
	}

	if ((certFile === undefined) !== (keyFile === undefined)) {
		reader.reportKey(certFile === undefined ? 'key_file' : 'cert_file', 'redis.tls: cert_file and key_file go together (the client certificate and its key)');
		return undefined;
	}

	if (caFile !== undefined) {
		files.caFile = caFile;
	}

	if (certFile !== undefined && keyFile !== undefined) {
		files.certFile = certFile;
		files.keyFile = keyFile;
	}

	return files;
}

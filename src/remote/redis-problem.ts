/**
 * Why a connection to Redis failed, as the operator reads it in `Redis unreachable at rediss://…
 * (<why>)`. A TLS failure says it is TLS and what to give: Node names a certificate it does not trust
 * only by OpenSSL's words (`self-signed certificate in certificate chain`), and a refusal by the
 * server as OpenSSL's whole error line.
 */

/** Node's codes for a server certificate that failed tls.connect's checks (OpenSSL's verify results, and the name check). */
const certificateCodes = new Set([
	'SELF_SIGNED_CERT_IN_CHAIN',
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'CERT_UNTRUSTED',
	'CERT_REJECTED',
	'CERT_SIGNATURE_FAILURE',
	'CERT_HAS_EXPIRED',
	'CERT_NOT_YET_VALID',
]);

const untrusted = 'the server\'s certificate is not signed by a CA this side trusts (redis.tls.ca_file, SAGE_REDIS_CA_FILE)';

/** What to do about a TLS failure, by its code. */
const hints: Record<string, string> = {
	SELF_SIGNED_CERT_IN_CHAIN: untrusted,
	DEPTH_ZERO_SELF_SIGNED_CERT: untrusted,
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: untrusted,
	UNABLE_TO_GET_ISSUER_CERT: untrusted,
	UNABLE_TO_GET_ISSUER_CERT_LOCALLY: untrusted,
	ERR_TLS_CERT_ALTNAME_INVALID: 'the server\'s certificate does not name the host of the URL (its subjectAltName)',
	ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: 'Redis wants a client certificate (redis.tls cert_file and key_file, SAGE_REDIS_CERT_FILE and SAGE_REDIS_KEY_FILE)',
	ERR_SSL_WRONG_VERSION_NUMBER: 'the port does not speak TLS (a redis:// port given as rediss://?)',
};

/** Where the password comes from, for a refusal of it. */
const passwordSources = 'SAGE_REDIS_PASSWORD, or a 0600 file: SAGE_REDIS_PASSWORD_FILE, jobs.yaml\'s redis.password_file';

/** Redis's refusals for want of the right password, by the reply's first word. */
const authHints: Record<string, string> = {
	NOAUTH: `Redis asks for a password and none was given (${passwordSources})`,
	WRONGPASS: `Redis refused the password given (${passwordSources})`,
};

/** Redis's answer to a database number beyond its `databases` setting. */
const databaseRefusal = /^ERR DB index is out of range/;

/**
 * Whether `error` is Redis refusing the URL's database number: ioredis then goes on, connected, on
 * database 0, another console's perhaps; such a connection must not be used.
 */
export function isDatabaseRefusal(error: Error): boolean {
	return databaseRefusal.test(error.message);
}

/** The reason in an OpenSSL error line (`…:SSL routines:ssl3_read_bytes:tlsv13 alert certificate required:…`), else the message. */
function openSslReason(message: string): string {
	return /SSL routines:[^:]*:([^:]+)/.exec(message)?.[1] ?? message.trim();
}

/**
 * The error's message, prefixed `TLS:` and told what to do when the TLS handshake failed; a missing
 * or wrong password (NOAUTH, WRONGPASS) is told where the password comes from.
 */
export function redisProblem(error: Error & {code?: unknown}): string {
	const code = typeof error.code === 'string' ? error.code : '';
	if (!certificateCodes.has(code) && !code.startsWith('ERR_SSL_') && !code.startsWith('ERR_TLS_')) {
		if (isDatabaseRefusal(error)) {
			return `${error.message}: Redis has fewer databases than the URL's path asks for (its \`databases\` setting, 16 unless set)`;
		}

		const authHint = authHints[error.message.split(' ', 1)[0] ?? ''];
		return authHint ? `${error.message.replace(/\.$/, '')}: ${authHint}` : error.message;
	}

	const hint = hints[code];
	return `TLS: ${openSslReason(error.message)} (${code})${hint ? `: ${hint}` : ''}`;
}

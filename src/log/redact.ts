/** Keys whose values are secrets wherever they appear (pino redact paths and object scrubbing). */
export const secretKeys = ['token', 'pushplus_token', 'password', 'pass', 'secret', 'webhook', 'apiKey', 'api_key', 'access_token', 'authorization'];

export const redactPaths = secretKeys.flatMap(key => [key, `*.${key}`, `*.*.${key}`]);

const secretQuery = /([?&](?:access_token|token|key|secret|sign|password)=)[^&\s"']+/gi;
const userInfo = /(\b[a-z][a-z\d+.-]*:\/\/)([^/@\s:]+):([^/@\s]+)@/gi;

/** Removes secrets from free text: URL query tokens and user:password@ in URLs. */
export function scrubText(text: string, knownSecrets: readonly string[] = []): string {
	let out = text.replace(secretQuery, '$1[redacted]').replace(userInfo, '$1$2:[redacted]@');
	for (const secret of knownSecrets) {
		if (secret.length >= 6) {
			out = out.split(secret).join('[redacted]');
		}
	}

	return out;
}

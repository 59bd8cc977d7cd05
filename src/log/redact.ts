/**
 * Keys whose values are secrets wherever they appear, kept for callers that list them; `isSecretKey`
 * is the rule itself and also catches every spelling these share a word with (`api_token`, `PASSWORD`).
 */
export const secretKeys = ['token', 'pushplus_token', 'password', 'pass', 'secret', 'webhook', 'apiKey', 'api_key', 'access_token', 'authorization'];

const secretKeySet = new Set(secretKeys);
/**
 * A key is secret when it contains one of these words, in any case: `apikey`, `client_secret`,
 * `Authorization`, `session_cookie`, `db_passwd`. Broad on purpose (`author` and `sort_key` are caught
 * too): a censored harmless value costs a reader little, a printed token costs a rotation.
 */
const secretWord = /token|secret|password|passwd|key|auth|credential|cookie/i;
/** What a secret's value is replaced by. */
export const redactedText = '[redacted]';
const censor = redactedText;
/** How deep below a log line's top level secret keys are looked for (pino paths `key`, `*.key`, `*.*.key`). */
const redactDepth = 2;
/** How deep `redactSecrets` looks (params written into a run log's header). */
const deepRedactDepth = 32;

export function isSecretKey(key: string): boolean {
	return secretKeySet.has(key) || secretWord.test(key);
}

/**
 * A log line's fields with the values of secret keys (at the top level and two levels down) censored.
 * Returns `fields` itself when nothing is secret, so an ordinary line costs a few key tests, not a
 * copy: pino's wildcard redaction cost a tenth of a millisecond per line on the scheduler's thread.
 */
export function redactFields<T extends Record<string, unknown>>(fields: T): T {
	return redactLevel(fields, 0, redactDepth) as T;
}

/** Any value with secret keys censored at every depth (up to 32 levels); the input is never changed. */
export function redactSecrets<T>(value: T): T {
	return redactValue(value, -1, deepRedactDepth) as T;
}

/**
 * The string values of secret keys in `params` (at every depth), e.g. to scrub them out of free text
 * with `scrubText` where a value can hide inside a longer string (a command line).
 */
export function secretValues(params: Record<string, unknown>): string[] {
	const found: string[] = [];
	const visit = (value: unknown, secret: boolean, depth: number) => {
		if (depth > deepRedactDepth) {
			return;
		}

		if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') {
			if (secret) {
				found.push(String(value));
			}
		} else if (Array.isArray(value)) {
			for (const item of value) {
				visit(item, secret, depth + 1);
			}
		} else if (value !== null && typeof value === 'object') {
			for (const [key, item] of Object.entries(value)) {
				visit(item, secret || isSecretKey(key), depth + 1);
			}
		}
	};

	visit(params, false, 0);
	return found;
}

/**
 * Makes `child(bindings)` of a pino logger (and of its children) censor its bindings too: pino applies
 * the bindings formatter to the root's bindings only.
 */
export function redactChildBindings<L extends {child: (bindings: Record<string, unknown>, options?: never) => L}>(logger: L): L {
	const child = logger.child;
	logger.child = function (this: L, bindings, options) {
		return child.call(this, redactFields(bindings), options);
	};

	return logger;
}

function redactLevel(fields: Record<string, unknown>, depth: number, maxDepth: number): Record<string, unknown> {
	let copy: Record<string, unknown> | undefined;
	for (const key of Object.keys(fields)) {
		const value = fields[key];
		const redacted = isSecretKey(key) ? censor : redactValue(value, depth, maxDepth);
		if (redacted !== value) {
			copy ??= fields instanceof Error ? errorFields(fields) : {...fields};
			copy[key] = redacted;
		}
	}

	return copy ?? fields;
}

function redactValue(value: unknown, depth: number, maxDepth: number): unknown {
	if (depth >= maxDepth || value === null || typeof value !== 'object') {
		return value;
	}

	if (Array.isArray(value)) {
		const items = value.map(item => redactValue(item, depth, maxDepth));
		return items.some((item, index) => item !== value[index]) ? items : value;
	}

	return redactLevel(value as Record<string, unknown>, depth + 1, maxDepth);
}

/** An error's own fields plus the ones spreading would drop (type, message, stack), for a censored copy. */
function errorFields(error: Error): Record<string, unknown> {
	const fields: Record<string, unknown> = {type: error.name, message: error.message, stack: error.stack};
	return Object.assign(fields, error);
}

const secretQuery = /([?&](?:access_token|token|key|secret|sign|password)=)[^&\s"']+/gi;
const userInfo = /(\b[a-z][a-z\d+.-]*:\/\/)([^/@\s:]+):([^/@\s]+)@/gi;

/** Removes secrets from free text: URL query tokens, user:password@ in URLs, and the known secret values given. */
export function scrubText(text: string, knownSecrets: readonly string[] = []): string {
	let out = text.replace(secretQuery, '$1[redacted]').replace(userInfo, '$1$2:[redacted]@');
	for (const secret of knownSecrets) {
		if (secret.length >= 6) {
			out = out.split(secret).join('[redacted]');
		}
	}

	return out;
}

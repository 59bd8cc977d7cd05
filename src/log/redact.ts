/** Keys whose values are secrets wherever they appear (pino redact paths and object scrubbing). */
export const secretKeys = ['token', 'pushplus_token', 'password', 'pass', 'secret', 'webhook', 'apiKey', 'api_key', 'access_token', 'authorization'];

const secretKeySet = new Set(secretKeys);
const censor = '[redacted]';
/** How deep below a log line's top level secret keys are looked for (pino paths `key`, `*.key`, `*.*.key`). */
const redactDepth = 2;

/**
 * A log line's fields with the values of secret keys (at the top level and two levels down) censored.
 * Returns `fields` itself when nothing is secret, so an ordinary line costs a few set lookups, not a
 * copy: pino's wildcard redaction cost a tenth of a millisecond per line on the scheduler's thread.
 */
export function redactFields<T extends Record<string, unknown>>(fields: T): T {
	return redactLevel(fields, 0) as T;
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

function redactLevel(fields: Record<string, unknown>, depth: number): Record<string, unknown> {
	let copy: Record<string, unknown> | undefined;
	for (const key of Object.keys(fields)) {
		const value = fields[key];
		const redacted = secretKeySet.has(key) ? censor : redactValue(value, depth);
		if (redacted !== value) {
			copy ??= fields instanceof Error ? errorFields(fields) : {...fields};
			copy[key] = redacted;
		}
	}

	return copy ?? fields;
}

function redactValue(value: unknown, depth: number): unknown {
	if (depth >= redactDepth || value === null || typeof value !== 'object') {
		return value;
	}

	if (Array.isArray(value)) {
		const items = value.map(item => redactValue(item, depth));
		return items.some((item, index) => item !== value[index]) ? items : value;
	}

	return redactLevel(value as Record<string, unknown>, depth + 1);
}

/** An error's own fields plus the ones spreading would drop (type, message, stack), for a censored copy. */
function errorFields(error: Error): Record<string, unknown> {
	const fields: Record<string, unknown> = {type: error.name, message: error.message, stack: error.stack};
	return Object.assign(fields, error);
}

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

/**
 * The scheduler's own secrets in its environment: the HTTP API's tokens and the Redis password. A job or
 * service does not get them from the scheduler's environment (one that prints its environment, a Python
 * crash dump of os.environ, would put a control token into its run log, history and the alert sent to a
 * phone); a job or service that names one in its own `env:` gets it.
 */
const secretNames = ['SAGE_API_TOKENS', 'SAGE_REDIS_PASSWORD'];

/** `env` without the scheduler's secrets. */
export function withoutSchedulerSecrets(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	const copy = {...env};
	for (const name of secretNames) {
		delete copy[name];
	}

	return copy;
}

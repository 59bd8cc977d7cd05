/**
 * In a job worker: `variables` put into this thread's process.env while one run goes, so every child
 * process the job starts (child_process without an `env` of its own, or with `{...process.env}`)
 * carries them, the run's mark included (run-mark.ts). A worker thread has its own copy of process.env,
 * so the scheduler's and other workers' are untouched. Returns what puts process.env back as it was
 * (same names in the same order, same values), so the worker's fitness check after the run sees no change.
 */
export function lendEnvironment(variables: Readonly<Record<string, string>>): () => void {
	const before = new Map(Object.keys(variables).map(name => [name, process.env[name]]));
	for (const [name, value] of Object.entries(variables)) {
		process.env[name] = value;
	}

	return () => {
		for (const [name, value] of before) {
			if (value === undefined) {
				delete process.env[name];
			} else {
				process.env[name] = value;
			}
		}
	};
}

/**
 * Polls until `check` returns a value (not undefined/false) or the time runs out. A look that throws
 * (a file read while another process rotates or rewrites it, a database still being created) is a
 * look that saw nothing yet: it is looked at again, and the last failure is named if time runs out.
 * Looks are 50 ms apart, or as far apart as the last look took: a look that starts a CLI process
 * (a third of a second of CPU) would otherwise hold most of a core for as long as the wait lasts,
 * taken from the processes under test and the tests beside it.
 */
export async function waitFor<T>(check: () => T | undefined | false, timeoutMs = 20_000, what = 'condition'): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		let failed: unknown;
		const lookedAt = Date.now();
		try {
			const value = check();
			if (value !== undefined && value !== false) {
				return value;
			}
		} catch (error) {
			failed = error;
		}

		if (Date.now() > deadline) {
			const why = failed === undefined ? '' : `; the last look failed: ${failed instanceof Error ? failed.message : String(failed)}`;
			throw new Error(`timed out waiting for ${what}${why}`, {cause: failed});
		}

		const took = Date.now() - lookedAt;
		await new Promise(resolve => {
			setTimeout(resolve, Math.max(50, took));
		});
	}
}

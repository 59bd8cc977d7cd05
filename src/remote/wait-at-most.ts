/** A bound on a wait for Redis (raced against it); it does not keep the process alive by itself. */
export async function waitAtMost(ms: number): Promise<void> {
	return new Promise(resolve => {
		setTimeout(resolve, ms).unref();
	});
}

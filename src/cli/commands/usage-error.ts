/** A command line that cannot be carried out as typed; the message says what to type instead. */
export class UsageError extends Error {
	override name = 'UsageError';
}

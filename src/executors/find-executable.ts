export type Executable = (ctx: unknown) => unknown;

/**
 * What a job module runs: a default export that is a function, a class with execute(), or an object
 * with execute() (a named `run` or `execute` export is taken too).
 */
export function findExecutable(module: Record<string, unknown>): Executable {
	let candidate = (module.default ?? module.run ?? module.execute) as unknown;
	// A .ts file outside a `"type": "module"` package loads as CommonJS: its default export sits one level down.
	if (candidate && typeof candidate === 'object' && 'default' in candidate && (candidate as {default: unknown}).default !== undefined) {
		candidate = (candidate as {default: unknown}).default;
	}

	if (typeof candidate === 'function') {
		const prototype = (candidate as {prototype?: {execute?: unknown}}).prototype;
		if (prototype && typeof prototype.execute === 'function') {
			const JobClass = candidate as new () => {execute: Executable};
			return ctx => new JobClass().execute(ctx);
		}

		return candidate as Executable;
	}

	if (candidate && typeof (candidate as {execute?: unknown}).execute === 'function') {
		const object = candidate as {execute: Executable};
		return ctx => object.execute(ctx);
	}

	throw new TypeError('the job module must export default a function, a class with execute(), or an object with execute()');
}

import {createRequire} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';

const require = createRequire(import.meta.url);

/** The ESM build of tsx's API (`require.resolve` would give the CommonJS one, which an ESM worker cannot use). */
function tsxEsmApiPath(): string {
	const packageJson = require.resolve('tsx/package.json');
	const manifest = require(packageJson) as {exports: Record<string, {import?: {default?: string} | string}>};
	const entry = manifest.exports['./esm/api']?.import;
	const relative = typeof entry === 'string' ? entry : entry?.default;
	if (!relative) {
		throw new Error('cannot find tsx/esm/api; reinstall dependencies');
	}

	return path.join(path.dirname(packageJson), relative);
}

/**
 * Code for `new Worker(code, {eval: true})` that starts the module `name` beside `base` (an
 * `import.meta.url`): the built `.js`, or the `.ts` when running from source (tests, bench), through
 * tsx. `tsx: 'always'` registers tsx in a built worker too, for workers that import TypeScript at run
 * time (job modules). tsx's hooks are registered once, at boot: a later import of a `.ts` file then
 * costs only its (cached) transform, where tsImport() would register fresh hooks (~200 ms) per call.
 */
export function workerBootCode(name: string, base: string, tsx: 'always' | 'from-source'): string {
	const fromSource = base.endsWith('.ts');
	const entryUrl = JSON.stringify(new URL(`${name}${fromSource ? '.ts' : '.js'}`, base).href);
	if (!fromSource && tsx === 'from-source') {
		return `import(${entryUrl});`;
	}

	const tsxApiUrl = JSON.stringify(pathToFileURL(tsxEsmApiPath()).href);
	return `import(${tsxApiUrl}).then(api => { api.register(); return import(${entryUrl}); });`;
}

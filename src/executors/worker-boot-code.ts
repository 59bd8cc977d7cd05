import {createRequire} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';

/** The ESM build of tsx's API (`require.resolve` would give the CommonJS one, which an ESM worker cannot use). */
function tsxEsmApiPath(): string {
	const require = createRequire(import.meta.url);
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
 * Code for `new Worker(code, {eval: true})` that starts `worker-entry` beside this file. Built (dist/),
 * a plain import: job modules reach the worker as JavaScript (TypeScript is bundled by JobBundles), so
 * a worker needs no loader and boots in tens of milliseconds. From source (the tests), worker-entry
 * itself is TypeScript and is loaded through tsx.
 */
export function workerBootCode(): string {
	const base = import.meta.url;
	const fromSource = base.endsWith('.ts');
	const entryUrl = JSON.stringify(new URL(`worker-entry${fromSource ? '.ts' : '.js'}`, base).href);
	if (!fromSource) {
		return `import(${entryUrl});`;
	}

	const tsxApiUrl = JSON.stringify(pathToFileURL(tsxEsmApiPath()).href);
	return `import(${tsxApiUrl}).then(api => { api.register(); return import(${entryUrl}); });`;
}

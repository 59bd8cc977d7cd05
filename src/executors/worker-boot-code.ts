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
 * Code for `new Worker(code, {eval: true})` that registers tsx and then starts `worker-entry` beside
 * this file: the built `.js` in dist/, the `.ts` when running from source (tests), loaded through tsx
 * either way. Job modules are TypeScript loaded without a build, so tsx is needed in every job worker;
 * its hooks are registered once, at boot, where a spare worker pays for them before any run needs it
 * (tsImport() per run would register fresh hooks, ~200 ms, each time).
 */
export function workerBootCode(): string {
	const base = import.meta.url;
	const entryUrl = JSON.stringify(new URL(`worker-entry${base.endsWith('.ts') ? '.ts' : '.js'}`, base).href);
	const tsxApiUrl = JSON.stringify(pathToFileURL(tsxEsmApiPath()).href);
	return `import(${tsxApiUrl}).then(api => { api.register(); return import(${entryUrl}); });`;
}

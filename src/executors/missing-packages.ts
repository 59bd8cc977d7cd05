/**
 * Packages a job imports that are not installed, found when its module is built: bundles leave
 * packages as imports, so otherwise Node finds out in the worker and names the bundle in the cache
 * ("Cannot find package 'left-pad' imported from data/cache/jobs/foo-1a2b.mjs") instead of the job.
 */
import {existsSync, readFileSync} from 'node:fs';
import {isBuiltin} from 'node:module';
import path from 'node:path';
import type {Location, Plugin} from 'esbuild';

/** The text of a missing package's build error; `missingPackageOf` reads the name back. */
const missingText = (name: string) => `cannot find package '${name}'`;

/** Marks the plugin's own look-up of a specifier, which it lets esbuild answer. */
const lookingUp = Symbol('looking up');

/** `left-pad` of `left-pad/lib/x.js`, `@scope/pkg` of `@scope/pkg/sub`. */
function packageNameOf(specifier: string): string {
	const parts = specifier.split('/');
	return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** The folder of the nearest package.json at or above `dir`, and its name. */
function nearestPackage(dir: string): {dir: string; name?: string} | undefined {
	for (let current = dir; ; current = path.dirname(current)) {
		const file = path.join(current, 'package.json');
		if (existsSync(file)) {
			try {
				const {name} = JSON.parse(readFileSync(file, 'utf8')) as {name?: unknown};
				return {dir: current, name: typeof name === 'string' ? name : undefined};
			} catch {
				return {dir: current};
			}
		}

		if (path.dirname(current) === current) {
			return undefined;
		}
	}
}

/** Where Node's ESM resolver looks for a package: node_modules/NAME in the importer's folder and each above it (or the package itself, by its own name). */
function installed(name: string, importer: string): boolean {
	for (let dir = path.dirname(importer); ; dir = path.dirname(dir)) {
		if (existsSync(path.join(dir, 'node_modules', name))) {
			return true;
		}

		if (path.dirname(dir) === dir) {
			return nearestPackage(path.dirname(importer))?.name === name;
		}
	}
}

/**
 * Fails the build at a static `import` of a package that is not installed where the importing file
 * would find it. A dynamic `import()` or `require()` is left alone: a job may try an optional package.
 */
export function missingPackagesPlugin(): Plugin {
	return {
		name: 'sage-missing-packages',
		setup(build) {
			build.onResolve({filter: /^[^./#]/}, async ({path: specifier, importer, kind, resolveDir, pluginData}) => {
				if (pluginData === lookingUp || kind !== 'import-statement' || !importer || isBuiltin(specifier) || /^[a-z][a-z\d+.-]*:/i.test(specifier) || path.isAbsolute(specifier)) {
					return undefined;
				}

				const name = packageNameOf(specifier);
				if (installed(name, importer)) {
					return undefined;
				}

				// A tsconfig `paths` alias (`@/lib/x`) looks like a package but is a file of the project.
				const resolved = await build.resolve(specifier, {kind, importer, resolveDir, pluginData: lookingUp});
				return resolved.errors.length === 0 && !resolved.external ? undefined : {errors: [{text: missingText(name)}]};
			});
		},
	};
}

/** The package named by a build error of `missingPackagesPlugin`, else undefined. */
export function missingPackageOf(text: string): string | undefined {
	return /^cannot find package '(.+)'$/.exec(text)?.[1];
}

/** A path as the operator reads it: relative to the current folder when below it, else absolute. */
export function shownPath(file: string): string {
	const absolute = path.resolve(file);
	const cwd = process.cwd();
	const relative = path.relative(cwd, absolute);
	return cwd === path.parse(cwd).root || relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative;
}

/**
 * `jobs/foo.ts: cannot find package 'left-pad' (imported at jobs/foo.ts:3:21); install it in the
 * project: npm install left-pad` — the job, the package, the line that imports it, what to do.
 */
export function missingPackageText(source: string, name: string, location: Location | null): string {
	const importer = location ? path.resolve(location.file) : source;
	const at = location ? ` (imported at ${shownPath(importer)}:${location.line}:${location.column + 1})` : '';
	const project = nearestPackage(path.dirname(importer))?.dir ?? path.dirname(source);
	const install = project === process.cwd() ? `npm install ${name}` : `cd ${project} && npm install ${name}`;
	return `${shownPath(source)}: ${missingText(name)}${at}; install it in the project: ${install}`;
}

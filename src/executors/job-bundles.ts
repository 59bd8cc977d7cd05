import {createHash} from 'node:crypto';
import {mkdirSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import type * as Esbuild from 'esbuild';
import type {BuildFailure, Message} from 'esbuild';
import {fileLocationPlugin} from './file-location-plugin.js';
import {missingPackageOf, missingPackagesPlugin, missingPackageText, shownPath} from './missing-packages.js';

/** A job module that cannot be built: its syntax, or an import that does not resolve (a local file, or a package not installed). */
export class JobModuleError extends Error {
	constructor(override readonly name: 'SyntaxError' | 'ModuleNotFound', message: string) {
		super(message);
		// The fault is in the job's source, which the message names: the bundler's frames would only hide it.
		this.stack = `${name}: ${message}`;
	}
}

/** Where the bundler found a JavaScript job wrong: the file (absolute) and `file:line:col: what`. */
export type LoadProblem = {file: string; text: string};

/** The first syntax error, and the first local import that does not resolve, of a JavaScript job's sources. */
export type LoadProblems = {syntax?: LoadProblem; unresolved?: LoadProblem};

type Bundle = {entry: string; inputs: Array<{file: string; mtimeMs: number}>; version: string; problems?: LoadProblems};

/**
 * What a worker imports for a job: `file`, and the version of every local source it is made of. A
 * JavaScript job the bundler could not build has `problems`: Node's own errors for an ES module name
 * no line (a SyntaxError no file either) over Node's internal frames.
 */
export type JobEntry = {file: string; version: string; problems?: LoadProblems};

/** Extensions that run as they are (their local imports are only looked up); anything else (TypeScript) is built first. */
const plainJavaScript = new Set(['.js', '.mjs', '.cjs']);

function mtimeOf(file: string): number | undefined {
	try {
		return statSync(file).mtimeMs;
	} catch {
		return undefined;
	}
}

function describe(message: Message): string {
	const where = message.location ? `${shownPath(message.location.file)}:${message.location.line}:${message.location.column + 1}: ` : '';
	return `${where}${message.text}`;
}

function entryOf(bundle: Bundle): JobEntry {
	return {file: bundle.entry, version: bundle.version, ...(bundle.problems ? {problems: bundle.problems} : {})};
}

/**
 * Job modules written in TypeScript, made runnable once per version: each is bundled with its
 * relative imports into one ES module under `cacheDir` (packages stay imports, resolved from the
 * project as before; a source map inline, so stacks point at the .ts lines). A job worker then imports
 * plain JavaScript: no TypeScript loader in every worker (~700 ms and ~30 MB each), so a spare boots in
 * tens of milliseconds. A bundle is rebuilt when any file it was built from changed on disk. JavaScript
 * jobs (.js .mjs .cjs) are imported as they are, but their local imports are looked up the same way, so
 * an edited helper gives the job a new version (and its next run a fresh worker) as it does for TypeScript.
 */
export class JobBundles {
	private readonly bundles = new Map<string, Bundle>();
	private readonly building = new Map<string, Promise<Bundle>>();
	private esbuild: Promise<typeof Esbuild> | undefined;

	constructor(private readonly cacheDir: string) {}

	/**
	 * The file a worker imports for `source` (the source itself when it is JavaScript, else its bundle),
	 * with a version that changes whenever a local file it imports changed on disk: a worker that loaded an
	 * older version keeps the old modules in its ESM cache, so it must not run the job again.
	 * @throws JobModuleError for a syntax error or an import that does not resolve, naming file:line:col
	 * (a package that is not installed: the job, the package, where it is imported and what to install)
	 */
	async entryFor(source: string): Promise<JobEntry> {
		const cached = this.bundles.get(source);
		if (cached && cached.inputs.every(input => mtimeOf(input.file) === input.mtimeMs)) {
			return entryOf(cached);
		}

		let build = this.building.get(source);
		if (!build) {
			build = this.build(source).finally(() => this.building.delete(source));
			this.building.set(source, build);
		}

		const bundle = await build;
		this.bundles.set(source, bundle);
		return entryOf(bundle);
	}

	/** Stops the bundler's helper process. */
	async close(): Promise<void> {
		const esbuild = await this.esbuild;
		await esbuild?.stop();
	}

	private async build(source: string): Promise<Bundle> {
		// Read before building: a file saved during the build is built again next time.
		const before = mtimeOf(source);
		const plain = plainJavaScript.has(path.extname(source));
		this.esbuild ??= import('esbuild');
		const esbuild = await this.esbuild;
		let result;
		try {
			result = await esbuild.build({
				entryPoints: [source],
				bundle: true,
				platform: 'node',
				format: 'esm',
				target: 'node20',
				packages: 'external',
				sourcemap: 'inline',
				// Source paths are written relative to here, where the bundle goes, so stacks resolve to the real files.
				outdir: this.cacheDir,
				write: false,
				metafile: true,
				logLevel: 'silent',
				// A job that finds its files from its own location finds them from where it is written, not from
				// data/cache/jobs/: import.meta's for each file (fileLocationPlugin), and __dirname, which
				// TypeScript allows, the job's (not the job worker's '.').
				define: {__filename: JSON.stringify(source), __dirname: JSON.stringify(path.dirname(source))},
				// A require() of a package (esbuild leaves it to a require at run time) resolves from the job's
				// file, as its imports do, not from the job worker's global one, which starts from the scheduler's
				// current folder (a scheduler started with --root elsewhere found nothing). esbuild renames a
				// job's own top-level `require` around this one.
				banner: {js: `import {createRequire as __sageCreateRequire} from 'node:module';\nvar require = __sageCreateRequire(${JSON.stringify(pathToFileURL(source).href)});`},
				plugins: [missingPackagesPlugin(), fileLocationPlugin()],
			});
		} catch (error) {
			const missing = ((error as BuildFailure).errors ?? []).find(message => missingPackageOf(message.text));
			if (missing) {
				throw new JobModuleError('ModuleNotFound', missingPackageText(source, missingPackageOf(missing.text)!, missing.location));
			}

			const messages = (error as BuildFailure).errors ?? [];
			if (plain) {
				// Node loads it as it is and reports its own error; the places are kept for an error of Node's that
				// does not say where it is.
				const problem = (unresolved: boolean) => {
					const message = messages.find(found => found.location && found.text.startsWith('Could not resolve') === unresolved);
					return message ? {file: path.resolve(message.location!.file), text: describe(message)} : undefined;
				};
				return {entry: source, inputs: [{file: source, mtimeMs: before ?? -1}], version: `${source}@${before}`, problems: {syntax: problem(false), unresolved: problem(true)}};
			}

			const unresolved = messages.find(message => message.text.startsWith('Could not resolve'));
			if (unresolved) {
				throw new JobModuleError('ModuleNotFound', describe(unresolved));
			}

			throw new JobModuleError('SyntaxError', messages.length > 0 ? messages.map(describe).join('\n') : (error as Error).message);
		}

		const inputs = Object.keys(result.metafile.inputs).map(file => {
			const absolute = path.resolve(file);
			return {file: absolute, mtimeMs: (absolute === source ? before : mtimeOf(absolute)) ?? -1};
		});
		if (plain) {
			// Imported as it is (Node's own semantics, stacks name its lines); its local imports were only looked up.
			const version = createHash('sha256').update(JSON.stringify(inputs)).digest('hex').slice(0, 16);
			return {entry: source, inputs, version};
		}

		const code = result.outputFiles[0]!.contents;
		const hash = createHash('sha256').update(source).update(code).digest('hex').slice(0, 16);
		const entry = path.join(this.cacheDir, `${path.basename(source).replace(/\.[^.]+$/, '')}-${hash}.mjs`);
		mkdirSync(this.cacheDir, {recursive: true, mode: 0o750});
		writeFileSync(entry, code, {mode: 0o640});
		return {entry, inputs, version: entry};
	}
}

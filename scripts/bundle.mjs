/**
 * The last step of `npm run build`: the CLI and the entries of its threads, bundled from dist/ (tsc's
 * output) into dist/bundle/, one flat folder, with the code they share split into chunks there. A start
 * then loads a few files instead of four hundred modules: Node 20 resolves, reads and links each ESM
 * module on its own, which cost a headless start ~200 ms of CPU and each command ~50 ms. Packages stay
 * outside (node_modules, as installed). A thread finds its entry beside the code that starts it
 * (src/threads/thread-boot-code.ts), so every entry keeps its file name. dist/ keeps tsc's files for
 * `sage-console/job-api` and for the tests and benchmarks that load one module.
 */
import {rmSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const entries = [
	'cli/main.js',
	'executors/worker-entry.js',
	'host/config-reader-entry.js',
	'host/scheduler-thread-entry.js',
	'host/api-thread-entry.js',
	'store/checkpoint-worker.js',
];

rmSync(`${dist}bundle`, {recursive: true, force: true});
await build({
	entryPoints: entries.map(entry => `${dist}${entry}`),
	outdir: `${dist}bundle`,
	entryNames: '[name]',
	chunkNames: 'chunk-[hash]',
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	packages: 'external',
	sourcemap: true,
	logLevel: 'warning',
});

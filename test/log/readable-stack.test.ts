/**
 * A stack trace of sage-console's own code, which runs from dist/bundle/'s hashed chunks, names the
 * source file and line of each of its frames, as a bug report needs; frames of other files stay as
 * they are. The real bundle `npm test` builds, and a real error thrown inside it.
 */
import {execFileSync} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {expect, it} from 'vitest';
import {readableStack} from '../../src/log/readable-stack.js';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const bundle = path.join(projectRoot, 'dist/bundle');

/** The bundle chunk that exports `name`. */
function chunkExporting(name: string): string {
	const file = readdirSync(bundle).find(file => file.endsWith('.js') && new RegExp(`^export \\{[^}]*\\b${name},`, 'm').test(readFileSync(path.join(bundle, file), 'utf8')));
	if (!file) {
		throw new Error(`no chunk of ${bundle} exports ${name}: run npm run build`);
	}

	return path.join(bundle, file);
}

/** The 1-based line of `text` in a source file. */
const lineOf = (file: string, text: string) => readFileSync(path.join(projectRoot, file), 'utf8').split('\n').findIndex(line => line.includes(text)) + 1;

/**
 * The stack of an error thrown inside the bundle, as a plain `node` gets it (this test's own process maps
 * stacks itself, as vitest does), with a frame of a file outside the bundle below it.
 */
function bundleErrorStack(chunk: string): string {
	const script = `const {checkedTransition} = await import(${JSON.stringify(pathToFileURL(chunk).href)});
function outsideTheBundle() {
	checkedTransition(7, 'success', 'running');
}
try {
	outsideTheBundle();
} catch (error) {
	process.stdout.write(error.stack);
}`;
	const {NODE_OPTIONS: _options, ...env} = process.env;
	return execFileSync(process.execPath, ['--input-type=module', '-e', script], {encoding: 'utf8', env});
}

it('names the source file and line of each bundled frame, and leaves the others as they are', () => {
	const chunk = chunkExporting('checkedTransition');
	const stack = bundleErrorStack(chunk);
	const [headline, ...frames] = readableStack(stack).split('\n');
	expect(stack).toContain(`${path.basename(chunk)}:`);
	expect(headline).toBe('IllegalRunTransition: run 7: no move from success to running (allowed: none, it has ended)');
	const throwingFrame = frames.find(frame => frame.includes(' checkedTransition '));
	expect(throwingFrame).toBe(`    at checkedTransition (${path.join(projectRoot, 'src/core/run-states.ts')}:${lineOf('src/core/run-states.ts', 'throw new IllegalRunTransition')}:9)`);
	// The caller's frame is no bundle's: as it was
	const callerFrame = stack.split('\n').find(line => line.includes('outsideTheBundle'));
	expect(callerFrame).toBeDefined();
	expect(frames).toContain(callerFrame);
	expect(readableStack(stack)).not.toContain('dist/bundle/');
});

it('leaves a frame its map says nothing of, and a stack with no bundled frame, as they are', () => {
	const nowhere = `Error: x\n    at f (file://${bundle}/chunk-NOSUCHCHUNK.js:1:1)\n    at g (/srv/box/jobs/train.ts:3:9)`;
	expect(readableStack(nowhere)).toBe(nowhere);
	const jobs = 'Error: feed down\n    at fetchNews (/srv/box/jobs/news.ts:12:11)';
	expect(readableStack(jobs)).toBe(jobs);
});

/**
 * For a file of jobs.yaml parsing tests: a root holding one job module, jobs/a.ts, made before each test
 * and removed after it. Call it at the top of the file; inside a test, `dir()` is the root's folder (to
 * parse a jobs.yaml against) and `problemsOf(yaml)` gives the problems a jobs.yaml text is refused with
 * there, as `validate` prints them.
 */
import {afterEach, beforeEach} from 'vitest';
import {configProblemsOf} from './config-problems.js';
import {makeTempRoot, type TempRoot} from './temp-root.js';

export function oneModuleRootEach(): {dir(): string; problemsOf(yaml: string): string[]} {
	let root: TempRoot | undefined;
	beforeEach(() => {
		root = makeTempRoot({'jobs/a.ts': 'export default () => 1;\n'});
	});
	afterEach(() => root?.remove());
	const dir = () => {
		if (!root) {
			throw new Error('no root: it is made before each test');
		}

		return root.dir;
	};

	return {dir, problemsOf: yaml => configProblemsOf(yaml, dir())};
}

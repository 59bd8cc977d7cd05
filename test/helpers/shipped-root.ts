import {cpSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {makeTempRoot, type TempRoot} from './temp-root.js';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A temp root holding a copy of the shipped config, jobs and sample data. */
export function makeShippedRoot(): TempRoot {
	const root = makeTempRoot();
	for (const folder of ['config', 'jobs', path.join('data', 'sample')]) {
		cpSync(path.join(projectRoot, folder), path.join(root.dir, folder), {recursive: true});
	}

	return root;
}

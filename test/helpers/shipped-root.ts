import {cpSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {makeTempRoot, type TempRoot} from './temp-root.js';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A temp root holding a copy of the shipped config, jobs and sample data. `insideProject` puts it
 * under the project, so jobs that import packages (better-sqlite3) resolve them from node_modules.
 */
export function makeShippedRoot(options: {insideProject?: boolean} = {}): TempRoot {
	const root = makeTempRoot({}, options.insideProject ? path.join(projectRoot, '.test-roots') : undefined);
	for (const folder of ['config', 'jobs', path.join('data', 'sample')]) {
		cpSync(path.join(projectRoot, folder), path.join(root.dir, folder), {recursive: true});
	}

	return root;
}

import {readdirSync, statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The newest modification time of a file or folder under `folder` (0 when it does not exist). */
function newestUnder(folder: string): number {
	let entries;
	try {
		entries = readdirSync(folder, {withFileTypes: true});
	} catch {
		return 0;
	}

	let newest = 0;
	for (const entry of entries) {
		const inside = path.join(folder, entry.name);
		// A folder's own time too: a file removed from src/ is a change.
		newest = Math.max(newest, statSync(inside).mtimeMs, entry.isDirectory() ? newestUnder(inside) : 0);
	}

	return newest;
}

/**
 * Node's arguments that run the CLI as src/ has it now: the built bin/sage-console.js when dist/ was
 * built after the last change to src/ (`npm test` builds first), else src/cli/main.tsx under tsx. Tests
 * that start the CLI many times use it: a start under tsx compiles the source again, 2–4 s on a loaded
 * box against half a second for the built one, and never runs a build older than the source.
 */
export function currentCliArgs(): string[] {
	const built = newestUnder(path.join(projectRoot, 'dist'));
	return built > 0 && built >= newestUnder(path.join(projectRoot, 'src'))
		? [path.join(projectRoot, 'bin/sage-console.js')]
		: ['--import', 'tsx', path.join(projectRoot, 'src/cli/main.tsx')];
}

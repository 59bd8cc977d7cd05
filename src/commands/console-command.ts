import type {AppPaths} from '../app/paths.js';
import {headlessCommand} from './headless-command.js';

/** Placeholder until the Ink console lands: runs headless. */
export async function consoleCommand(paths: AppPaths): Promise<number> {
	return headlessCommand(paths);
}

import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';

/** One file of the starter root: where it goes in the new root (relative, `/`-separated) and its text. */
export type StarterFile = {target: string; text: string};

/**
 * Template names that differ from the file they become: npm never packs a file called `.gitignore`
 * (it drops or renames it), so the template is `gitignore`.
 */
const renamed: Record<string, string> = {gitignore: '.gitignore'};

/** Every file under `templateDir`, sorted by where it goes. */
export function readStarterFiles(templateDir: string): StarterFile[] {
	return filesUnder(templateDir)
		.map(relative => ({target: renamed[relative] ?? relative, text: readFileSync(path.join(templateDir, relative), 'utf8')}))
		.sort((a, b) => a.target.localeCompare(b.target));
}

/** Paths of the files under `dir`, relative and `/`-separated (readdir's `recursive` names parents only from Node 20.12). */
function filesUnder(dir: string, prefix = ''): string[] {
	return readdirSync(path.join(dir, prefix), {withFileTypes: true}).flatMap(entry => {
		const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
		return entry.isDirectory() ? filesUnder(dir, relative) : [relative];
	});
}

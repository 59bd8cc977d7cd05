import {existsSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {YamlSource} from '../config/yaml-source.js';

/**
 * A notification config file to read, named as the operator would type it (relative to here when inside);
 * an empty one holds the problem that it is empty.
 */
export function readSettingsFile(file: string): YamlSource | undefined {
	if (!existsSync(file)) {
		return undefined;
	}

	const relative = path.relative(process.cwd(), file);
	const source = new YamlSource(relative.startsWith('..') ? file : relative, readFileSync(file, 'utf8'));
	if (source.problems.length === 0 && source.root === undefined) {
		// An empty file (a save cut short, a truncating redirect): said as such, not "must be a mapping".
		source.report(undefined, 'the file is empty (or only comments): write {} for no settings, or remove the file');
	}

	return source;
}

/** What to say when a file that holds tokens is readable by other users. */
export function permissionWarning(file: string): string | undefined {
	try {
		const mode = statSync(file).mode & 0o777;
		if (mode & 0o044) {
			return `${path.basename(file)} holds tokens and is readable by other users (mode ${mode.toString(8)}): chmod 600 ${file}`;
		}
	} catch {
		// No file, no warning.
	}

	return undefined;
}

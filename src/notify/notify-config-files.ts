import {existsSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {YamlSource} from '../config/yaml-source.js';

/** A notification config file to read, named as the operator would type it (relative to here when inside). */
export function readSettingsFile(file: string): YamlSource | undefined {
	if (!existsSync(file)) {
		return undefined;
	}

	const relative = path.relative(process.cwd(), file);
	return new YamlSource(relative.startsWith('..') ? file : relative, readFileSync(file, 'utf8'));
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

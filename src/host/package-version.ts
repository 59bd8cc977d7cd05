import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

/**
 * sage-console's own folder (its package.json, templates/), with a trailing slash: two levels above
 * this module, whether it runs from src/host/, dist/host/ or the bundle's dist/bundle/.
 */
export const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

type PackageFields = {version: string; description: string};

let fields: PackageFields | undefined;

/** sage-console's package.json, read once. */
function packageFields(): PackageFields {
	try {
		fields ??= JSON.parse(readFileSync(`${packageRoot}package.json`, 'utf8')) as PackageFields;
	} catch {
		fields = {version: 'unknown', description: ''};
	}

	return fields;
}

/** sage-console's own version, from its package.json. */
export function packageVersion(): string {
	return packageFields().version;
}

/** What sage-console is, in one line, from its package.json: the first line of `--help`. */
export function packageDescription(): string {
	return packageFields().description;
}

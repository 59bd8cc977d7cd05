import {readFileSync} from 'node:fs';

type PackageFields = {version: string; description: string};

let fields: PackageFields | undefined;

/** sage-console's package.json (one level above src/ or dist/), read once. */
function packageFields(): PackageFields {
	try {
		fields ??= JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as PackageFields;
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

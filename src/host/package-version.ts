import {readFileSync} from 'node:fs';

/** sage-console's own version, from its package.json (one level above src/ or dist/). */
export function packageVersion(): string {
	try {
		return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version: string}).version;
	} catch {
		return 'unknown';
	}
}

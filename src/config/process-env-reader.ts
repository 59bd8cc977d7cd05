import {isMap, isScalar, type Node} from 'yaml';
import {MapReader} from './map-reader.js';

/**
 * A number's or boolean's text as the file writes it: `VERSION: 1.10` is "1.10", not "1.1"; `DEBUG: True`
 * is "True", as a Python script compares it; a 20-digit id is its digits, not the double YAML reads.
 */
function writtenText(node: Node | undefined): string | undefined {
	return isScalar(node) && typeof node.source === 'string' && node.source !== '' ? node.source : undefined;
}

/**
 * A job's or service's `env`: names to the values its process gets. A string is taken as written; so
 * is a number or a boolean (`PORT: 8080` is "8080", `DEBUG: true` is "true"), since a process
 * environment holds only text. Anything else (a list, a mapping, an empty
 * value) is a problem at its position: there is no one text it would mean.
 */
export function readProcessEnv(reader: MapReader): Record<string, string> | undefined {
	if (!reader.has('env')) {
		return undefined;
	}

	const node = reader.node('env');
	if (!isMap(node)) {
		reader.report('env', 'env must be a mapping of names to values');
		return undefined;
	}

	const env = new MapReader(reader.source, node, 'env');

	const values: Record<string, string> = {};
	for (const name of env.keys()) {
		const value = env.value(name);
		if (typeof value === 'string') {
			values[name] = value;
		} else if (typeof value === 'number' || typeof value === 'boolean') {
			values[name] = writtenText(env.node(name)) ?? String(value);
		} else if (value === null) {
			env.reportKey(name, `env ${name} has no value: write "" for an empty one`);
		} else {
			env.report(name, `env ${name} must be a string (or a number or true/false, passed as text), not ${Array.isArray(value) ? 'a list' : 'a mapping'}`);
		}
	}

	return values;
}

/** A job's or service's `cwd`: a folder path, written as a string (`cwd: 7` is refused, not read as a folder "7"). */
export function readProcessCwd(reader: MapReader): string | undefined {
	const value = reader.value('cwd');
	if (value === undefined) {
		return undefined;
	}

	if (typeof value === 'string' && value.trim() !== '') {
		return value;
	}

	reader.report('cwd', `cwd must be a folder path (a string, relative to the project root or absolute), not ${JSON.stringify(value)}`);
	return undefined;
}

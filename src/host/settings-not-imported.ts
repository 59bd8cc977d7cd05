import {readFileSync} from 'node:fs';
import {isDeepStrictEqual} from 'node:util';
import {isMap, isScalar, isSeq, parseDocument} from 'yaml';
import type {ConfigProblem} from '../config/config-problem.js';
import {YamlSource} from '../config/yaml-source.js';

/** How jobs.yaml holds the setting, for the problem's text: a scalar as written, a block by its name. */
function liveText(key: string, value: unknown): string {
	if (value === undefined) {
		return `has no ${key}`;
	}

	return typeof value === 'object' && value !== null ? `has another ${key}` : `has ${key}: ${String(value)}`;
}

/**
 * The import text's own top-level settings that jobs.yaml does not hold as written there, each a
 * problem at its key. An import replaces the job list alone (docs/http-api.md): `timezone: UTC` in it
 * was dropped without a word, and its jobs were read in jobs.yaml's zone, hours off what the file said.
 * A setting as jobs.yaml has it (a whole jobs.yaml imported back) loses nothing; `x-…` blocks are the
 * text's own anchors, read into its jobs.
 */
export function settingsNotImported(text: string, name: string, configFile: string): ConfigProblem[] {
	const source = new YamlSource(name, text);
	const live = parseDocument(readFileSync(configFile, 'utf8'));
	if (source.problems.length > 0 || live.errors.length > 0 || !isMap(source.root) || !isMap(live.contents) || !isSeq(source.root.get('jobs', true))) {
		// The checks of the whole text and the whole new file say what is wrong there; a text with no job list is refused as such.
		return [];
	}

	let incoming: Record<string, unknown>;
	let settings: Record<string, unknown>;
	try {
		incoming = source.document.toJS() as Record<string, unknown>;
		settings = live.toJS() as Record<string, unknown>;
	} catch {
		return [];
	}

	for (const pair of source.root.items) {
		const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
		if (key !== undefined && key !== 'jobs' && key !== 'paused' && !key.startsWith('x-') && !isDeepStrictEqual(incoming[key], settings[key])) {
			source.report(pair, `${key} is not imported: an import replaces the job list alone, and jobs.yaml ${liveText(key, settings[key])}; remove ${key} from ${name}, or set it in jobs.yaml`);
		}
	}

	return source.problems;
}

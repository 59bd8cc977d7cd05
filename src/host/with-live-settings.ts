import {readFileSync} from 'node:fs';
import {isMap, parseDocument, stringify} from 'yaml';

/**
 * The import text with the live file's other top-level settings (`redis:`, `timezone`, groups, services…)
 * added after its own lines, so its jobs are read as the live file would hold them (a `run_on: workers`
 * job needs the live `redis:`) while its own lines keep their positions. A setting the text gives
 * itself stays its own. Only the job list is replaced (docs/http-api.md).
 */
export function withLiveSettings(text: string, configFile: string): string {
	const incoming = parseDocument(text);
	const live = parseDocument(readFileSync(configFile, 'utf8'));
	if (!isMap(incoming.contents) || !isMap(live.contents) || incoming.errors.length > 0 || live.errors.length > 0) {
		return text;
	}

	let settings: Record<string, unknown>;
	try {
		settings = live.toJS() as Record<string, unknown>;
	} catch {
		// An alias bomb or the like: the whole-file check says so.
		return text;
	}

	const entries = Object.entries(settings).filter(([key]) => key !== 'jobs' && key !== 'paused' && !incoming.has(key));
	if (entries.length === 0) {
		return text;
	}

	if (incoming.contents.flow) {
		const end = text.lastIndexOf('}');
		// On lines of their own, past the text's: a problem in them is told apart by its line.
		const added = entries.map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(',\n');
		return `${text.slice(0, end)}${incoming.contents.items.length > 0 ? ',' : ''}\n${added}\n${text.slice(end)}`;
	}

	return `${text.endsWith('\n') ? text : `${text}\n`}${stringify(Object.fromEntries(entries))}`;
}

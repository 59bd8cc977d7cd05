import {isDeepStrictEqual} from 'node:util';

/** A value longer than this is cut short in a change line (the file has it whole). */
const longestValue = 60;

/**
 * What an edit changes in one job, key by key as jobs.yaml writes them: `minutes: 10 → 15`,
 * `params: {"days":5} → {"days":7}`, `+ retries: 2`, `- timeout: 5m`. Keys in the order the job lists them.
 */
export function jobFieldChanges(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
	const changes: string[] = [];
	for (const [key, was] of Object.entries(before)) {
		if (!(key in after)) {
			changes.push(`- ${key}: ${shown(was)}`);
		} else if (!isDeepStrictEqual(was, after[key])) {
			changes.push(`${key}: ${shown(was)} → ${shown(after[key])}`);
		}
	}

	for (const [key, is] of Object.entries(after)) {
		if (!(key in before)) {
			changes.push(`+ ${key}: ${shown(is)}`);
		}
	}

	return changes;
}

function shown(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
	return text.length > longestValue ? `${text.slice(0, longestValue - 1)}…` : text;
}

export type JobChanges = {added: string[]; removed: string[]; changed: string[]};

/**
 * A job's fields as jobs.yaml gives them. `neverFires` is left out: it is when the file was read (a
 * run_date or end_date that passed since), not an edit, and an untouched job read again after its
 * run_date counted as changed (`config reloaded: 1 added, 0 removed, 1 changed (+ news; ~ once)`).
 */
const asWritten = ({neverFires: _, ...fields}: {id: string; neverFires?: boolean}) => JSON.stringify(fields);

/** Which jobs (or services) a new config adds, removes and changes (any field), by id, in the order the files list them. */
export function jobChanges(before: ReadonlyArray<{id: string}>, after: ReadonlyArray<{id: string}>): JobChanges {
	const was = new Map(before.map(job => [job.id, job]));
	const is = new Map(after.map(job => [job.id, job]));
	return {
		added: [...is.keys()].filter(id => !was.has(id)),
		removed: [...was.keys()].filter(id => !is.has(id)),
		changed: [...is].filter(([id, job]) => was.has(id) && asWritten(was.get(id)!) !== asWritten(job)).map(([id]) => id),
	};
}

/** Jobs named per kind in a reload's line; more are counted only. */
const namedAtMost = 5;

/** `1 added, 0 removed, 2 changed (+ fetch_news; ~ sync_bars, report)`: the counts, and the ids while they are few. */
export function describeJobChanges({added, removed, changed}: JobChanges): string {
	const named = ([['+', added], ['-', removed], ['~', changed]] as const)
		.filter(([, ids]) => ids.length > 0)
		.map(([mark, ids]) => `${mark} ${ids.slice(0, namedAtMost).join(', ')}${ids.length > namedAtMost ? ` and ${ids.length - namedAtMost} more` : ''}`);
	return `${added.length} added, ${removed.length} removed, ${changed.length} changed${named.length > 0 ? ` (${named.join('; ')})` : ''}`;
}

import type {JobDefinition} from '../core/job-definition.js';

export type JobChanges = {added: string[]; removed: string[]; changed: string[]};

/** Which jobs a new config adds, removes and changes (any field), by id, in the order the files list them. */
export function jobChanges(before: readonly JobDefinition[], after: readonly JobDefinition[]): JobChanges {
	const was = new Map(before.map(job => [job.id, JSON.stringify(job)]));
	const is = new Map(after.map(job => [job.id, JSON.stringify(job)]));
	return {
		added: [...is.keys()].filter(id => !was.has(id)),
		removed: [...was.keys()].filter(id => !is.has(id)),
		changed: [...is.keys()].filter(id => was.has(id) && was.get(id) !== is.get(id)),
	};
}

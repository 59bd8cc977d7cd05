import {didYouMean} from './did-you-mean.js';
import type {ReadJobEntry} from './job-list-reader.js';

/**
 * Why `id`, which a job's `after` or a group's `members` names, is not there: never declared (with a
 * likely spelling), or declared but refused for a problem reported at its own line.
 */
function missingJob(key: 'after' | 'members', id: string, declared: ReadonlyMap<string, number>): string {
	const line = declared.get(id);
	if (line !== undefined) {
		return `${key} names "${id}", which was not loaded: see its own problem at line ${line}`;
	}

	const suggestion = didYouMean(id, [...declared.keys()]);
	return `${key} names unknown job "${id}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`;
}

/** A group's members are loaded plain jobs (no groups), each named once. */
export function checkGroupMembers(jobs: ReadJobEntry[], declared: ReadonlyMap<string, number>): void {
	const plainJobs = new Set(jobs.filter(({job}) => job.target.kind !== 'group').map(({job}) => job.id));
	const groups = new Set(jobs.filter(({job}) => job.target.kind === 'group').map(({job}) => job.id));
	for (const {job, reader} of jobs) {
		if (job.target.kind !== 'group') {
			continue;
		}

		for (const member of job.target.members) {
			// An id both a job's and a group's is a duplicate id, told at the later one: the member is the job.
			if (groups.has(member) && !plainJobs.has(member)) {
				reader.report('members', `group "${job.id}" cannot contain the group "${member}": members are jobs`);
			} else if (!plainJobs.has(member)) {
				reader.report('members', missingJob('members', member, declared));
			}
		}

		const duplicates = job.target.members.filter((member, index, all) => all.indexOf(member) !== index);
		if (duplicates.length > 0) {
			reader.report('members', `members lists "${duplicates[0]}" twice`);
		}
	}
}

/** Every `after` names another loaded job, and no chain of `after` comes back to where it started. */
export function checkAfterReferences(jobs: ReadJobEntry[], declared: ReadonlyMap<string, number>): void {
	const ids = new Set(jobs.map(({job}) => job.id));
	for (const {job, reader} of jobs) {
		for (const parent of job.after) {
			if (!ids.has(parent)) {
				reader.report('after', missingJob('after', parent, declared));
			} else if (parent === job.id) {
				reader.report('after', `job "${job.id}" cannot run after itself`);
			}
		}
	}

	const byId = new Map(jobs.map(entry => [entry.job.id, entry]));
	const state = new Map<string, 'visiting' | 'done'>();
	const visit = (id: string, trail: string[]): void => {
		if (state.get(id) === 'done') {
			return;
		}

		if (state.get(id) === 'visiting') {
			const cycle = [...trail.slice(trail.indexOf(id)), id];
			byId.get(id)?.reader.report('after', `after forms a cycle: ${cycle.join(' → ')}`);
			return;
		}

		state.set(id, 'visiting');
		for (const parent of byId.get(id)?.job.after ?? []) {
			if (parent !== id && byId.has(parent)) {
				visit(parent, [...trail, id]);
			}
		}

		state.set(id, 'done');
	};

	for (const id of byId.keys()) {
		visit(id, []);
	}
}

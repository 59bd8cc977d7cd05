import {isSeq, type Node} from 'yaml';
import type {JobDefinition} from '../core/job-definition.js';
import {checkDuplicateId} from './duplicate-ids.js';
import {readJob, type JobDefaults} from './job-reader.js';
import {MapReader} from './map-reader.js';

/** A job that loaded, with the reader of its mapping: later checks report at its lines. */
export type ReadJobEntry = {job: JobDefinition; reader: MapReader};

export type JobLists = {
	/** The jobs, then the groups, that loaded. */
	jobs: ReadJobEntry[];
	/** Every id declared (loaded or not) → its line: what `after` and `members` may name. */
	declared: Map<string, number>;
};

/** The `jobs:` and `groups:` lists; a file may declare services alone, and groups are optional. */
export function readJobLists(root: MapReader, defaults: Omit<JobDefaults, 'group'>): JobLists {
	const {source} = root;
	const jobs: ReadJobEntry[] = [];
	const seen = new Map<string, Node>();
	const readList = (key: 'jobs' | 'groups') => {
		const listNode = root.node(key);
		if (listNode === undefined && (key === 'groups' || root.has('services'))) {
			return;
		}

		if (!isSeq(listNode)) {
			source.report(listNode ?? root.map, `${key} must be a list of ${key === 'jobs' ? 'job' : 'group'} definitions`);
			return;
		}

		for (const item of listNode.items) {
			const itemReader = MapReader.of(source, item, key === 'jobs' ? 'a job' : 'a group');
			const job = itemReader && readJob(itemReader, {...defaults, group: key === 'groups'});
			checkDuplicateId(itemReader, seen, 'job');
			if (job && itemReader) {
				jobs.push({job, reader: itemReader});
			}
		}
	};

	readList('jobs');
	readList('groups');
	return {jobs, declared: new Map([...seen].map(([id, node]) => [id, source.lineOf(node)]))};
}

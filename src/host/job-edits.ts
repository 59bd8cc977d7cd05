/** One job of jobs.yaml put (added or replaced) or deleted, through the same checked, atomic edit as an import. */
import {displayPath} from '../config/load-jobs-config.js';
import {jobFieldChanges} from './job-field-changes.js';
import {editJobsFile, idOf, jobsSeq, JobsFileError, type JobsEdit} from './jobs-file.js';

/** Adds or replaces one job (`definition` as jobs.yaml would hold it; its id is `jobId`). */
export function putJob(configFile: string, root: string, jobId: string, definition: Record<string, unknown>, dryRun: boolean): JobsEdit {
	if (definition.id !== undefined && definition.id !== jobId) {
		throw new JobsFileError(`the definition's id "${String(definition.id)}" is not "${jobId}"`);
	}

	return editJobsFile(configFile, root, {
		apply(doc, meant) {
			const seq = jobsSeq(doc);
			const wanted = {id: jobId, ...definition};
			const index = seq.items.findIndex(existing => idOf(existing) === jobId);
			if (index === -1) {
				seq.items.push(doc.createNode(wanted));
				return {added: [jobId], changed: [], removed: [], fields: {}};
			}

			const fields = jobFieldChanges(meant.get(jobId) ?? {}, wanted);
			if (fields.length === 0) {
				return {added: [], changed: [], removed: [], fields: {}};
			}

			seq.items[index] = doc.createNode(wanted);
			return {added: [], changed: [jobId], removed: [], fields: {[jobId]: fields}};
		},
	}, dryRun);
}

export function deleteJob(configFile: string, root: string, jobId: string, dryRun: boolean): JobsEdit {
	return editJobsFile(configFile, root, {
		apply(doc) {
			const seq = jobsSeq(doc);
			const index = seq.items.findIndex(existing => idOf(existing) === jobId);
			if (index === -1) {
				throw new JobsFileError(`no job "${jobId}" in ${displayPath(configFile)}`);
			}

			seq.items.splice(index, 1);
			return {added: [], changed: [], removed: [jobId], fields: {}};
		},
	}, dryRun);
}

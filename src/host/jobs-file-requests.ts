/** Requests that edit jobs.yaml (export, import, put, delete): the file stays the one source of truth. */
import type {JobsEditResult, Requests, ResultOf} from '../protocol/messages.js';
import {ProtocolError} from '../protocol/wire.js';
import type {Scheduler} from '../scheduler/scheduler.js';
import {deleteJob, putJob} from './job-edits.js';
import {exportJobs, importJobs, JobsFileError, type JobsEdit} from './jobs-file.js';

export type JobsFileDeps = {
	scheduler: Scheduler;
	/** Absent in a bare handler (tests): these requests are unavailable. */
	jobsFile: {configFile: string; root: string} | undefined;
	/** Applies the file now (the watcher would too, a moment later). */
	reload(): Promise<ResultOf<'reload'>>;
};

type Handler<M extends keyof Requests> = (params: Requests[M]['params']) => Requests[M]['result'] | Promise<Requests[M]['result']>;

function refusals<T>(deps: JobsFileDeps, work: (file: {configFile: string; root: string}) => T): T {
	if (!deps.jobsFile) {
		throw new ProtocolError('unavailable', 'jobs.yaml cannot be edited through this connection');
	}

	try {
		return work(deps.jobsFile);
	} catch (error) {
		if (error instanceof JobsFileError) {
			throw new ProtocolError(/^no job/.test(error.message) ? 'not-found' : 'bad-params', error.message, {cause: error});
		}

		throw error;
	}
}

export function jobsFileHandlers(deps: JobsFileDeps): {'export-jobs': Handler<'export-jobs'>; 'import-jobs': Handler<'import-jobs'>; 'put-job': Handler<'put-job'>; 'delete-job': Handler<'delete-job'>} {
	const applied = async (edit: JobsEdit): Promise<JobsEditResult> => {
		if (!edit.written) {
			return edit;
		}

		const {ok, problems} = await deps.reload();
		return {...edit, reload: {ok, problems}};
	};

	return {
		'export-jobs': ({jobs}) => refusals(deps, ({configFile}) => {
			const paused = new Set(deps.scheduler.jobIds.filter(id => deps.scheduler.slot(id)?.paused));
			return exportJobs(configFile, paused, jobs?.map(String));
		}),
		'import-jobs': ({text, name, dryRun}) => refusals(deps, ({configFile, root}) => applied(importJobs(configFile, root, text, name ?? 'import', dryRun ?? false))),
		'put-job': ({jobId, definition, dryRun}) => refusals(deps, ({configFile, root}) => applied(putJob(configFile, root, jobId, definition, dryRun ?? false))),
		'delete-job': ({jobId, dryRun}) => refusals(deps, ({configFile, root}) => applied(deleteJob(configFile, root, jobId, dryRun ?? false))),
	};
}

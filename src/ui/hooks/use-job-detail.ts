import {useEffect} from 'react';
import type {JobView} from '../../protocol/snapshot.js';
import type {ConsoleActions} from '../console-actions.js';

/**
 * Keeps an open job view current: its detail is asked again when the job's last run or pause state
 * changes (a run ended, a retry started), not on a timer.
 */
export function useJobDetail(actions: ConsoleActions, jobId: string | undefined, job: JobView | undefined): void {
	const lastRun = job?.lastRun;
	const key = `${lastRun?.id}:${lastRun?.status}:${job?.paused}:${job?.liveRuns}`;
	useEffect(() => {
		if (jobId !== undefined) {
			actions.refreshJob(jobId);
		}
		// `key` stands for the job's state; the first load comes from openJob.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [key]);
}

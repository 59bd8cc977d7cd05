import type {AppPaths} from '../../host/paths.js';
import {formatZonedIso} from '../../time/zoned-time.js';
import {exitCodes} from '../exit-codes.js';
import {liveScheduler} from '../scheduler-session.js';
import {rejectOverlongId} from '../overlong-id.js';
import {UsageError} from './usage-error.js';

/**
 * `sage-console ping JOB [--start | --fail]`: a heartbeat job's ping from a shell, e.g. at the end of a
 * cron line: `python3 export.py && sage-console ping py_export || sage-console ping py_export --fail`.
 */
export async function pingCommand(paths: AppPaths, jobId: string | undefined, flags: {start?: boolean; fail?: boolean}): Promise<number> {
	if (!jobId) {
		throw new UsageError('ping needs a heartbeat job id, e.g. sage-console ping py_export [--start | --fail]');
	}

	if (flags.start && flags.fail) {
		throw new UsageError('give --start or --fail, not both');
	}

	const client = await liveScheduler(paths, 'ping');
	try {
		rejectOverlongId(jobId);
		const view = await client.request('ping-heartbeat', {jobId, outcome: flags.fail ? 'fail' : (flags.start ? 'start' : 'success')});
		// In the scheduler's zone (jobs.yaml's `timezone`), as status and the console show its times.
		const zone = view.nextExpectedAt === undefined ? undefined : (await client.request('snapshot', {})).scheduler.timezone;
		const next = view.nextExpectedAt === undefined || zone === undefined ? '' : `; next ping expected by ${formatZonedIso(view.nextExpectedAt, zone).slice(0, 19).replace('T', ' ')}`;
		process.stdout.write(`${jobId} ${view.state}${next}\n`);
		return exitCodes.ok;
	} finally {
		client.close();
	}
}

/**
 * The standing notice of a scheduler that started on the last good job list (data/sage.last-good-jobs.yaml)
 * because jobs.yaml was broken, missing or unreadable, and the file's problems counted as a refused edit's.
 */
import {formatProblem, type ConfigProblem} from '../config/config-problem.js';
import type {Scheduler} from '../scheduler/scheduler.js';
import {zonedClock, zonedDate} from '../time/zoned-time.js';
import type {UnreadJobsFile} from './jobs-at-start.js';
import {lastGoodNoticeKey} from './last-good-jobs.js';

/** The notice's text while the last good list runs because jobs.yaml has `problems` (the first named; the rest are in the log and the config problems). */
function brokenFileNotice(problems: readonly ConfigProblem[], from: string): string {
	return `jobs.yaml not applied; the last good job list, from ${from}, is in use until an edit mends the file: ${formatProblem(problems[0]!)}${problems.length > 1 ? ` (+${problems.length - 1} more in the log)` : ''}`;
}

/** The notice's text while the last good list runs because jobs.yaml could not be read. */
function unreadFileNotice(file: string, unread: UnreadJobsFile, from: string): string {
	return unread.missing
		? `${file} is missing; the last good job list, from ${from}, is in use until the file is back`
		: `${file} cannot be read (${unread.message}); the last good job list, from ${from}, is in use until it can be read`;
}

/**
 * What the scheduler tells when jobs.yaml was broken, missing or unreadable at start and the last good
 * list runs instead: the file's problems as those of a refused edit (the log, `status`,
 * `sage_config_problems`, so an alert on them fires after a reboot too) and a standing notice naming
 * the file, why, and the list's time. A reading of the file refused later names its problems in the
 * notice instead (the file back, but broken); the notice goes when the file is applied.
 */
export function tellLastGoodJobs(
	scheduler: Pick<Scheduler, 'say' | 'setNotice' | 'reportConfigProblems' | 'events'>,
	notApplied: {file: string; problems: readonly ConfigProblem[]; unread?: UnreadJobsFile},
	lastGood: {at: number; timezone: string},
): void {
	const from = `${zonedDate(lastGood.at, lastGood.timezone)} ${zonedClock(lastGood.at, lastGood.timezone)}`;
	scheduler.reportConfigProblems(notApplied.problems);
	const notice = notApplied.unread ? unreadFileNotice(notApplied.file, notApplied.unread, from) : brokenFileNotice(notApplied.problems, from);
	scheduler.say('error', notice);
	scheduler.setNotice(lastGoodNoticeKey, notice);
	let inUse = true;
	scheduler.events.on('config-reloaded', () => {
		inUse = false;
	});
	scheduler.events.on('config-invalid', ({problems}) => {
		if (inUse) {
			scheduler.setNotice(lastGoodNoticeKey, brokenFileNotice(problems, from));
		}
	});
}

/**
 * The standing notice of a scheduler that started on the last good job list (data/sage.last-good-jobs.yaml)
 * because jobs.yaml was broken, missing or unreadable, and the file's problems counted as a refused edit's.
 */
import type {ConfigProblem} from '../config/config-problem.js';
import type {Scheduler} from '../scheduler/scheduler.js';
import {zonedClock, zonedDate} from '../time/zoned-time.js';
import {lastGoodNoticeKey} from './last-good-jobs.js';
import {untilReadable, type UnreadJobsFile} from './unread-jobs-file.js';

/**
 * What the scheduler tells when jobs.yaml was broken, missing or unreadable at start and the last good
 * list runs instead: the file's problems as those of a refused edit (the log, `status`, the header's
 * `config not applied: …` lines, `sage_config_problems`, so an alert on them fires after a reboot too),
 * and a standing notice saying what runs instead and until when. The notice names no problem: the
 * problems are shown beside it, and a notice repeating the first would say it twice. A file back but
 * broken turns the notice's "until the file is back" into "until an edit mends it"; the notice goes
 * when the file is applied. Gives what runs instead (`the last good job list, from …, is in use`).
 */
export function tellLastGoodJobs(
	scheduler: Pick<Scheduler, 'reportConfigProblems' | 'setNotice' | 'events'>,
	notApplied: {file: string; problems: readonly ConfigProblem[]; unread?: UnreadJobsFile},
	lastGood: {at: number; timezone: string},
): string {
	const inUse = `the last good job list, from ${zonedDate(lastGood.at, lastGood.timezone)} ${zonedClock(lastGood.at, lastGood.timezone)}, is in use`;
	const untilMended = `${inUse} until an edit mends ${notApplied.file}`;
	scheduler.reportConfigProblems(notApplied.problems, inUse);
	scheduler.setNotice(lastGoodNoticeKey, notApplied.unread ? `${inUse} until ${untilReadable(notApplied.file, notApplied.unread)}` : untilMended);
	let unread = notApplied.unread !== undefined;
	let applied = false;
	scheduler.events.on('config-reloaded', () => {
		applied = true;
	});
	scheduler.events.on('config-invalid', () => {
		// The file read again but was refused. Gone again later, the config watcher's own notice says so.
		if (unread && !applied) {
			unread = false;
			scheduler.setNotice(lastGoodNoticeKey, untilMended);
		}
	});
	return inUse;
}

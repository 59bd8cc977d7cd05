/**
 * How the console words a job past a `deadline` it has not made up (the snapshot's `overdue`,
 * `deadline missed (2026-12-05)`), in the words `sage-console status` uses (`! deadline close_report
 * missed (2026-12-05), no success since`): a mark in its jobs panel row and a fact in its view, both gone
 * once it succeeds. A heartbeat job's `overdue` (late or down) is its state, worded elsewhere.
 */
import type {JobView} from '../protocol/snapshot.js';
import {zonedClock, zonedDate} from '../time/zoned-time.js';
import {agoText} from './heartbeat-text.js';

/** The row's glyph for it: `!`, as status marks what needs the operator. */
export const deadlineMissedGlyph = '!';

/** The job missed a deadline and has not succeeded since. */
export function deadlineMissed(job: JobView): boolean {
	return job.heartbeat === undefined && job.overdue !== undefined && job.overdue.startsWith('deadline ');
}

/** The day it missed, from `overdue` (`deadline missed (2026-12-05)`). */
const missedDay = (overdue: string) => /\((\d{4}-\d{2}-\d{2})\)/.exec(overdue)?.[1];

/**
 * The jobs panel's LAST for it: `deadline missed 17:30`, the deadline's time as LAST words a run's
 * (`clock`: its day when not today's); `missed 17:30` in a column narrowed below that (`room`), rather
 * than cut to `deadline misse…`; `deadline missed (2026-12-05)` from a scheduler that does not say the
 * time. Undefined when it has made its deadlines.
 */
export function deadlineMissedLast(job: JobView, clock: (at: number) => string, room = Number.POSITIVE_INFINITY): string | undefined {
	if (!deadlineMissed(job)) {
		return undefined;
	}

	if (job.deadlineMissedAt === undefined) {
		return job.overdue;
	}

	const missed = `missed ${clock(job.deadlineMissedAt)}`;
	return `deadline ${missed}`.length <= room ? `deadline ${missed}` : missed;
}

/**
 * The job view's `deadline` fact: `missed 2026-12-05 17:30 (2h10m ago), no success since`. Undefined
 * when it has made its deadlines.
 */
export function deadlineMissedFact(job: JobView | undefined, now: number, zone: string): string | undefined {
	if (!job || !deadlineMissed(job)) {
		return undefined;
	}

	const at = job.deadlineMissedAt;
	const when = at === undefined ? `(${missedDay(job.overdue!) ?? '?'})` : `${zonedDate(at, zone)} ${zonedClock(at, zone).slice(0, 5)} (${agoText(now - at)})`;
	return `missed ${when}, no success since`;
}

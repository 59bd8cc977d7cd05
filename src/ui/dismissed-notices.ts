/**
 * `d`: the header's notice that the scheduler before this start was down stands for an hour; an
 * operator who has read it dismisses it in this console. The scheduler has no dismissal of notices (they
 * are its standing conditions, in `status` and every console), so this is the console's own: other
 * consoles and `status` still show it, and a new one (another death: another text) shows again. The
 * notices that stand for a condition still true (a full disk, a locked database) cannot be dismissed.
 */
import {wasDownNoticeStart, type SchedulerSnapshot} from '../protocol/snapshot.js';
import {say, type KeyContext} from './keys/key-context.js';

/** Whether the operator may dismiss this notice: a past event told, not a condition still true. */
export function isDismissable(notice: string): boolean {
	return notice.startsWith(wasDownNoticeStart);
}

/** The snapshot as this console shows it: without the notices dismissed here (the same object when none are). */
export function withoutDismissed(snapshot: SchedulerSnapshot, dismissed: readonly string[] | undefined): SchedulerSnapshot {
	if (!dismissed?.length || !snapshot.notices.some(notice => dismissed.includes(notice))) {
		return snapshot;
	}

	return {...snapshot, notices: snapshot.notices.filter(notice => !dismissed.includes(notice))};
}

/** `d` on the main screen: hides the dismissable notices shown now. */
export function dismissNotices(context: KeyContext): void {
	const dismissed = context.getState().dismissedNotices ?? [];
	const texts = context.notices().filter(notice => isDismissable(notice) && !dismissed.includes(notice));
	if (texts.length === 0) {
		say(context, "no notice to dismiss: d dismisses the header's 'was down' notice", 'bad');
		return;
	}

	context.dispatch({type: 'dismiss-notices', texts});
	say(context, "'was down' notice dismissed in this console (sage-console status and the log still have it)", 'good');
}

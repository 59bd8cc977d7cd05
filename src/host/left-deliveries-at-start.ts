import type {ProcessLogger} from '../log/process-logger.js';
import type {SqliteNotificationStore} from '../store/notification-store.js';
import {isSameProcess} from './proc-stat.js';

/** Why a delivery a stopped process left 'pending' is closed as failed. */
export const leftDeliveryReason = 'not sent: the sage-console that queued it stopped before it was sent';

/**
 * The deliveries a process killed while sending (`kill -9`, the OOM killer, a power cut) left 'pending':
 * closed as failed at a scheduler's start, as a dead scheduler's runs are closed interrupted, so a run's
 * detail and `/v1/runs/:id` do not say 'pending' for ever. A delivery whose process still lives (a
 * one-off `sage-console run` sending beside this start, or this very process) is left to it. Returns
 * how many were closed.
 */
export function closeLeftDeliveries(store: Pick<SqliteNotificationStore, 'pendingDeliveries' | 'updateNotification'>, logger: Pick<ProcessLogger, 'warn'>, now = Date.now()): number {
	const left = store.pendingDeliveries().filter(row => row.pid === null || !isSameProcess(row.pid, row.procStart ?? undefined));
	for (const row of left) {
		store.updateNotification(row.id, {status: 'failed', error: leftDeliveryReason, finishedAt: now});
	}

	if (left.length > 0) {
		const pids = [...new Set(left.flatMap(row => row.pid ?? []))];
		logger.warn({deliveries: left.map(row => row.id)}, `${left.length} notification ${left.length === 1 ? 'delivery' : 'deliveries'} left pending by a stopped sage-console${pids.length > 0 ? ` (pid ${pids.join(', ')})` : ''} closed as failed: not sent`);
	}

	return left.length;
}

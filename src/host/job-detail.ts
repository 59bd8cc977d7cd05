import {marketPhase} from '../market/market-session.js';
import type {JobDetail} from '../protocol/messages.js';
import {summarizeRun} from '../protocol/run-summary.js';
import type {Scheduler} from '../scheduler/scheduler.js';
import type {HistoryStore} from '../store/history-store.js';

const recentRuns = 30;
const nextFireCount = 5;

/**
 * One job up close: its next fire times, its last runs with their durations and success rate, and
 * plain reasons why it did or did not fire lately (paused, disabled, the scheduler paused, never
 * fires, a holiday for a trading-day job, runs skipped because one was still going).
 */
export function jobDetail(scheduler: Scheduler, store: HistoryStore, jobId: string): JobDetail {
	const slot = scheduler.slot(jobId)!;
	const nextFires: number[] = [];
	let cursor = new Date(Date.now());
	for (let i = 0; i < nextFireCount; i++) {
		const next = slot.schedule.next(cursor);
		if (!next) {
			break;
		}

		nextFires.push(next.getTime());
		cursor = next;
	}

	const runs = store.query({jobId, limit: recentRuns});
	const ended = runs.filter(run => run.status !== 'skipped' && run.status !== 'queued' && run.status !== 'running');
	const succeeded = ended.filter(run => run.status === 'success');
	const notes: string[] = [];
	if (!slot.job.enabled) {
		notes.push('disabled in jobs.yaml (enabled: false)');
	}

	if (slot.paused) {
		notes.push('paused (p or `sage-console resume` to resume)');
	}

	if (scheduler.isPaused) {
		notes.push('the whole scheduler is paused');
	}

	const neverFires = slot.job.enabled && slot.job.trigger.kind !== 'none' && nextFires.length === 0;
	if (neverFires) {
		notes.push('its schedule never fires again');
	}

	if (slot.job.trigger.kind === 'none') {
		notes.push(slot.job.after.length > 0 ? `runs after ${slot.job.after.join(', ')} succeed` : 'no schedule: runs only when started by hand');
	}

	if (slot.job.calendar === 'trading-days' && marketPhase(Date.now(), scheduler.calendar) === 'holiday') {
		notes.push('today is an exchange holiday: trading-day schedules skip it');
	}

	const skipped = runs.find(run => run.status === 'skipped');
	if (skipped) {
		notes.push(`last skipped ${new Date(skipped.scheduledAt).toISOString()}: ${skipped.message ?? 'skipped'}`);
	}

	return {
		jobId,
		nextFires,
		neverFires,
		recentRuns: runs.map(run => summarizeRun(run)),
		successRate: ended.length > 0 ? succeeded.length / ended.length : undefined,
		durations: succeeded.map(run => run.durationMs ?? 0).reverse(),
		notes,
	};
}

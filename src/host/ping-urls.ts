/**
 * Per job `ping_url`, Healthchecks.io-style: the URL + `/start` when a run starts, the URL itself when it
 * succeeds, the URL + `/fail` when it fails (failed, timeout, interrupted; a cancelled run is not a
 * failure of the job). Sent off the scheduler's path with a short timeout and one retry; a ping that
 * cannot be sent is logged and dropped — it never holds up a run.
 */
import {failureStatuses} from '../core/run-record.js';
import {scrubText} from '../log/redact.js';
import type {SchedulerLogger} from '../scheduler/ports.js';
import type {Scheduler} from '../scheduler/scheduler.js';

const timeoutMs = 10_000;
const retryAfterMs = 2000;

export function pingUrlFor(base: string, event: 'start' | 'success' | 'fail'): string {
	if (event === 'success') {
		return base;
	}

	const url = new URL(base);
	url.pathname = `${url.pathname.replace(/\/$/, '')}/${event}`;
	return url.toString();
}

async function ping(url: string, body: string): Promise<void> {
	const response = await fetch(url, {method: 'POST', body, headers: {'content-type': 'text/plain; charset=utf-8', 'user-agent': 'sage-console'}, signal: AbortSignal.timeout(timeoutMs)});
	await response.arrayBuffer().catch(() => undefined);
	if (!response.ok) {
		throw new Error(`HTTP ${response.status}`);
	}
}

/** Starts sending the pings; returns the function that stops it. */
export function attachPingUrls(scheduler: Pick<Scheduler, 'events' | 'job'>, logger: SchedulerLogger): () => void {
	const send = (jobId: string, base: string, event: 'start' | 'success' | 'fail', body: string) => {
		const url = pingUrlFor(base, event);
		void ping(url, body).catch(async () => {
			await new Promise(resolve => {
				setTimeout(resolve, retryAfterMs).unref();
			});
			return ping(url, body);
		}).catch((error: unknown) => {
			// The URL may carry a check's key: it is not logged, only the job and what failed.
			logger.warn({jobId, event}, `ping_url ${event} ping of ${jobId} failed: ${scrubText((error as Error).message, [base])}`);
		});
	};

	const offStarted = scheduler.events.on('run-started', run => {
		const url = scheduler.job(run.jobId)?.pingUrl;
		if (url) {
			send(run.jobId, url, 'start', `run ${run.id} started`);
		}
	});
	const offEnded = scheduler.events.on('run-ended', ({record, job, nextAttempt}) => {
		// A failure with a next attempt coming is not the fire's outcome: the monitor hears the last attempt.
		if (!job.pingUrl || (record.status !== 'success' && (!failureStatuses.has(record.status) || nextAttempt))) {
			return;
		}

		const failed = record.status !== 'success';
		send(job.id, job.pingUrl, failed ? 'fail' : 'success', failed ? `run ${record.id} ${record.status}${record.error ? `: ${record.error.type}: ${record.error.message}` : ''}` : `run ${record.id} succeeded`);
	});
	return () => {
		offStarted();
		offEnded();
	};
}

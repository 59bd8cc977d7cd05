/**
 * A signed webhook: the event as JSON, and `X-Sage-Signature: t=UNIX_SECONDS,v1=HEX` where HEX is the
 * HMAC-SHA256, keyed by the shared secret, of `t + "." + body` — the timestamp is signed with the body,
 * so a receiver that checks the signature and refuses old timestamps refuses replays too (the scheme
 * Stripe's webhooks use). Sent by the delivery queue: retried with backoff, never on the scheduler's path.
 */
import {createHmac, timingSafeEqual} from 'node:crypto';
import type {JobDefinition} from '../../core/job-definition.js';
import type {RunRecord} from '../../core/run-record.js';
import {DeliveryError, fetchFailure, postFollowingSafely} from '../delivery-error.js';
import type {Message} from '../notification-types.js';
import {splitCredentials} from '../url-credentials.js';

export type WebhookSettings = {url: string; secret?: string};

/** The JSON a webhook receives. Times are epoch milliseconds. */
export type WebhookEvent = {
	event: string;
	title: string;
	text: string;
	job?: {id: string; name: string};
	run?: {
		id: number;
		trigger: string;
		attempt: number;
		scheduledAt: number;
		startedAt?: number;
		finishedAt?: number;
		durationMs?: number;
		tradeDate?: string;
		logPath?: string;
		/** A run on workers: the worker (`host:pid`) that carried it out. */
		worker?: string;
	};
	status?: string;
	error?: {type: string; message: string};
	/** Alerts of the job watches (deadline, max_duration, heartbeat): why, for which day, which run, when noticed. */
	reason?: string;
	day?: string;
	runId?: number;
	at?: number;
	times: {sentAt: number};
};

export function runEvent(kind: string, job: Pick<JobDefinition, 'id' | 'name'>, run: RunRecord): Omit<WebhookEvent, 'title' | 'text' | 'times'> {
	return {
		event: kind,
		job: {id: job.id, name: job.name},
		run: {id: run.id, trigger: run.trigger, attempt: run.attempt, scheduledAt: run.scheduledAt, startedAt: run.startedAt, finishedAt: run.finishedAt, durationMs: run.durationMs, tradeDate: run.tradeDate, logPath: run.logPath, ...(run.worker ? {worker: run.worker} : {})},
		status: run.status,
		error: run.error && {type: run.error.type, message: run.error.message},
	};
}

export function webhookSignature(secret: string, timestamp: number, body: string): string {
	return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * What a receiver does: true when `header` signs `body` with `secret` and its timestamp is within
 * `toleranceSeconds` of `nowMs`.
 */
export function verifyWebhookSignature(header: string | undefined, body: string, secret: string, nowMs = Date.now(), toleranceSeconds = 300): boolean {
	const match = header === undefined ? undefined : /^t=(\d+),v1=([\da-f]{64})$/.exec(header);
	if (!match) {
		return false;
	}

	const timestamp = Number(match[1]);
	if (Math.abs((nowMs / 1000) - timestamp) > toleranceSeconds) {
		return false;
	}

	return timingSafeEqual(Buffer.from(webhookSignature(secret, timestamp, body), 'hex'), Buffer.from(match[2]!, 'hex'));
}

export async function sendWebhook(settings: WebhookSettings, message: Message & {event?: Omit<WebhookEvent, 'title' | 'text' | 'times'>}, signal: AbortSignal): Promise<void> {
	const now = Date.now();
	// A message with no structured event still says whose it is by its ids; one with an event says it there
	// (a service's alert names its `service`: a `job` made of its id would name a job that is not there).
	const ids = message.event ? {} : {...(message.jobId ? {job: {id: message.jobId, name: message.jobId}} : {}), ...(message.runId === undefined ? {} : {runId: message.runId})};
	const payload: WebhookEvent = {event: message.kind, ...ids, ...message.event, title: message.title, text: message.text, times: {sentAt: now}};
	const body = JSON.stringify(payload);
	const headers: Record<string, string> = {'content-type': 'application/json', 'user-agent': 'sage-console'};
	if (settings.secret) {
		const timestamp = Math.floor(now / 1000);
		headers['x-sage-signature'] = `t=${timestamp},v1=${webhookSignature(settings.secret, timestamp, body)}`;
	}

	const target = splitCredentials(settings.url);
	let response: Response;
	try {
		response = await postFollowingSafely(target.url, {headers: {...headers, ...target.headers}, body, signal});
	} catch (error) {
		throw fetchFailure(error);
	}

	await response.arrayBuffer().catch(() => undefined);
	if (!response.ok) {
		// A receiver that refuses the body (4xx) will refuse it again; 5xx, 429 and 408 may pass later.
		throw new DeliveryError(`HTTP ${response.status}`, response.status >= 500 || response.status === 429 || response.status === 408);
	}
}

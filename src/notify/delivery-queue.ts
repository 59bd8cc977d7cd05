import {scrubText} from '../log/redact.js';
import {DeliveryError} from './delivery-error.js';
import type {ChannelName, Message, NotificationStore} from './notification-types.js';
import {RateLimiter, channelRateLimit} from './rate-limiter.js';

export type Delivery = {
	channel: ChannelName;
	/** Rate-limit and pause key: one robot, one PushPlus account. */
	key: string;
	/** Who it is for, as shown to the operator: a user name or "robot", never a token. */
	recipient: string;
	message: Message;
	send(signal: AbortSignal): Promise<void>;
};

export type DeliveryResult = {channel: ChannelName; recipient: string; status: 'sent' | 'failed'; attempts: number; error?: string};

export type DeliveryQueueOptions = {
	store: NotificationStore;
	attempts: number;
	backoffMs: number;
	timeoutMs: number;
	secrets: readonly string[];
	log(level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown>): void;
};

const sleep = async (ms: number) => new Promise<void>(resolve => {
	setTimeout(resolve, ms).unref();
});

/**
 * Sends notifications off the scheduler's path: one queue per robot/account (a hanging channel never
 * holds up another), each channel's rate limit respected, errors retried with backoff, every attempt
 * recorded, secrets scrubbed from every error kept or logged.
 */
export class DeliveryQueue {
	private readonly queues = new Map<string, Array<{delivery: Delivery; id: number; resolve: (result: DeliveryResult) => void}>>();
	private readonly busy = new Set<string>();
	private readonly pausedUntil = new Map<string, number>();
	private readonly limiter = new RateLimiter(channelRateLimit);
	private pending = 0;
	private idleWaiters: Array<() => void> = [];

	constructor(private readonly options: DeliveryQueueOptions) {}

	/** Queues a delivery; the promise settles with its final result (callers need not wait). */
	async enqueue(delivery: Delivery): Promise<DeliveryResult> {
		const id = this.options.store.insertNotification({
			runId: delivery.message.runId, jobId: delivery.message.jobId, kind: delivery.message.kind, channel: delivery.channel,
			recipient: delivery.recipient, status: 'pending', attempts: 0, createdAt: Date.now(),
		});
		this.pending++;
		return new Promise(resolve => {
			const queue = this.queues.get(delivery.key) ?? [];
			queue.push({delivery, id, resolve});
			this.queues.set(delivery.key, queue);
			void this.drain(delivery.key);
		});
	}

	/** Settles when nothing is queued or being sent. */
	async idle(): Promise<void> {
		if (this.pending === 0) {
			return;
		}

		return new Promise(resolve => {
			this.idleWaiters.push(resolve);
		});
	}

	private async drain(key: string): Promise<void> {
		if (this.busy.has(key)) {
			return;
		}

		this.busy.add(key);
		try {
			for (let item = this.queues.get(key)?.shift(); item; item = this.queues.get(key)?.shift()) {
				const result = await this.deliver(key, item.delivery, item.id);
				item.resolve(result);
				this.pending--;
			}
		} finally {
			this.busy.delete(key);
		}

		if (this.pending === 0) {
			for (const resolve of this.idleWaiters.splice(0)) {
				resolve();
			}
		}
	}

	private async deliver(key: string, delivery: Delivery, id: number): Promise<DeliveryResult> {
		const {store, attempts: maxAttempts, backoffMs, timeoutMs} = this.options;
		let attempts = 0;
		let lastError = '';
		while (attempts < maxAttempts) {
			const paused = this.pausedUntil.get(key);
			if (paused !== undefined && Date.now() < paused) {
				lastError = `${delivery.channel} paused until ${new Date(paused).toISOString()} (${lastError || 'daily limit reached'})`;
				break;
			}

			const wait = this.limiter.delayFor(key, Date.now());
			if (wait > 0) {
				await sleep(wait);
			}

			attempts++;
			this.limiter.record(key, Date.now());
			try {
				await delivery.send(AbortSignal.timeout(timeoutMs));
				store.updateNotification(id, {status: 'sent', attempts, error: undefined, finishedAt: Date.now()});
				this.options.log('info', `notification sent: ${delivery.channel} → ${delivery.recipient}`, {channel: delivery.channel, kind: delivery.message.kind, runId: delivery.message.runId, attempts});
				return {channel: delivery.channel, recipient: delivery.recipient, status: 'sent', attempts};
			} catch (error) {
				lastError = scrubText(error instanceof Error ? error.message : String(error), this.options.secrets);
				const retryable = error instanceof DeliveryError ? error.retryable : true;
				if (error instanceof DeliveryError && error.pauseUntil !== undefined) {
					this.pausedUntil.set(key, error.pauseUntil);
				}

				store.updateNotification(id, {attempts, error: lastError});
				this.options.log('warn', `notification attempt ${attempts}/${maxAttempts} failed: ${delivery.channel} → ${delivery.recipient}: ${lastError}`, {channel: delivery.channel, runId: delivery.message.runId});
				if (!retryable) {
					break;
				}

				if (attempts < maxAttempts) {
					await sleep(backoffMs * (2 ** (attempts - 1)));
				}
			}
		}

		store.updateNotification(id, {status: 'failed', attempts, error: lastError, finishedAt: Date.now()});
		this.options.log('error', `notification failed: ${delivery.channel} → ${delivery.recipient}: ${lastError}`, {channel: delivery.channel, runId: delivery.message.runId, attempts});
		return {channel: delivery.channel, recipient: delivery.recipient, status: 'failed', attempts, error: lastError};
	}
}

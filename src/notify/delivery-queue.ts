import {scrubText} from '../log/redact.js';
import {attemptSignal} from './attempt-signal.js';
import {DeliveryError} from './delivery-error.js';
import {digestMessage, maxDigestMessages} from './message-digest.js';
import type {ChannelName, Message, NotificationStore} from './notification-types.js';
import {RateLimiter, channelRateLimit} from './rate-limiter.js';

export type Delivery = {
	channel: ChannelName;
	/** Rate-limit and pause key: one robot, one PushPlus account. */
	key: string;
	/** Who it is for, as shown to the operator: a user name or "robot", never a token. */
	recipient: string;
	message: Message;
	/**
	 * Sends `message` (this delivery's, or a digest of it with others waiting for the same key) once.
	 * Resolves with a note when it went out but not to everyone (an e-mail address the server refused).
	 */
	send(message: Message, signal: AbortSignal): Promise<string | undefined | void>;
};

type Queued = {delivery: Delivery; id: number; resolve: (result: DeliveryResult) => void};

/** A person reads these on a phone: several waiting go as one. The webhook's receiver takes one event a request. */
const groupable = (delivery: Delivery) => delivery.channel !== 'webhook';

export type DeliveryResult = {channel: ChannelName; recipient: string; status: 'sent' | 'failed'; attempts: number; error?: string};

export type DeliveryQueueOptions = {
	store: NotificationStore;
	attempts: number;
	backoffMs: number;
	timeoutMs: number;
	secrets: readonly string[];
	log(level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown>): void;
};

/**
 * Sends notifications off the scheduler's path: one queue per robot/account (a hanging channel never
 * holds up another), each channel's rate limit respected, errors retried with backoff, every attempt
 * recorded, secrets scrubbed from every error kept or logged. Messages that queued up for one phone
 * channel while it was busy or at its rate limit go out as one digest (message-digest.ts): a burst of
 * twenty failures reaches PushPlus (5 a minute) in two messages at once, not over four minutes, and
 * does not trip a robot's limit (DingTalk's 20 a minute, then ten minutes of silence).
 */
export class DeliveryQueue {
	private readonly queues = new Map<string, Queued[]>();
	private readonly busy = new Set<string>();
	private readonly pausedUntil = new Map<string, number>();
	private readonly limiter = new RateLimiter(channelRateLimit);
	private pending = 0;
	private idleWaiters: Array<() => void> = [];
	/** Backoff and rate-limit waits under way: they keep the process alive (a one-shot `notify test` waits them out) until close() ends them. */
	private readonly waits = new Set<{timer: NodeJS.Timeout; resolve: () => void}>();
	/** Aborted by close() once its grace is over: sends under way stop, and nothing more is tried. */
	private readonly closed = new AbortController();

	constructor(private options: DeliveryQueueOptions) {}

	/**
	 * New attempts, backoff, timeout and secrets (the notify files read again), for deliveries tried
	 * from now on. The secrets scrubbed keep the old ones too: a send under way may still quote them.
	 */
	retune(settings: Pick<DeliveryQueueOptions, 'attempts' | 'backoffMs' | 'timeoutMs' | 'secrets'>): void {
		this.options = {...this.options, ...settings, secrets: [...new Set([...this.options.secrets, ...settings.secrets])]};
	}

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

	/**
	 * Gives what is queued or being sent up to `graceMs` to go out (a failure alert raised just before
	 * a shutdown still reaches the phone), then stops: sends under way are aborted and whatever is left
	 * is recorded as not sent. Settles once every delivery's record is final.
	 */
	async close(graceMs: number): Promise<void> {
		let graceTimer: NodeJS.Timeout | undefined;
		await Promise.race([this.idle(), new Promise<void>(resolve => {
			graceTimer = setTimeout(resolve, graceMs);
		})]);
		clearTimeout(graceTimer);
		this.closed.abort();
		for (const wait of this.waits) {
			clearTimeout(wait.timer);
			wait.resolve();
		}

		this.waits.clear();
		await this.idle();
	}

	private async drain(key: string): Promise<void> {
		if (this.busy.has(key)) {
			return;
		}

		this.busy.add(key);
		try {
			for (let queue = this.queues.get(key); queue && queue.length > 0; queue = this.queues.get(key)) {
				// What else queues meanwhile goes out with it.
				await this.rateLimitWait(key);
				const items = queue.splice(0, groupable(queue[0]!.delivery) ? maxDigestMessages : 1);
				const result = await this.deliver(key, items);
				for (const item of items) {
					item.resolve({...result});
					this.pending--;
				}
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

	/** Until `key`'s rate limit lets a send go (or the queue closes, or the channel is paused). */
	private async rateLimitWait(key: string): Promise<void> {
		for (let wait = this.limiter.delayFor(key, Date.now()); wait > 0; wait = this.limiter.delayFor(key, Date.now())) {
			const paused = this.pausedUntil.get(key);
			if (this.closed.signal.aborted || (paused !== undefined && Date.now() < paused)) {
				return;
			}

			await this.sleep(wait);
		}
	}

	/** `items`, one message or a digest of several for the same key, sent with retries; each item's record updated. */
	private async deliver(key: string, items: readonly Queued[]): Promise<DeliveryResult> {
		const {store, attempts: maxAttempts, backoffMs, timeoutMs} = this.options;
		const {delivery} = items[0]!;
		const message = items.length === 1 ? delivery.message : digestMessage(items.map(item => item.delivery.message));
		const ids = items.map(item => item.id);
		const about = {channel: delivery.channel, kind: message.kind, runId: message.runId, ...(items.length > 1 ? {grouped: items.length, runIds: items.flatMap(item => item.delivery.message.runId ?? [])} : {})};
		const update = (patch: Parameters<NotificationStore['updateNotification']>[1]) => {
			for (const id of ids) {
				store.updateNotification(id, patch);
			}
		};

		let attempts = 0;
		let lastError = '';
		while (attempts < maxAttempts) {
			if (this.closed.signal.aborted) {
				lastError = `not sent: sage-console stopped${lastError ? ` (${lastError})` : ''}`;
				break;
			}

			const paused = this.pausedUntil.get(key);
			if (paused !== undefined && Date.now() < paused) {
				lastError = `${delivery.channel} paused until ${new Date(paused).toISOString()} (${lastError || 'daily limit reached'})`;
				break;
			}

			const wait = this.limiter.delayFor(key, Date.now());
			if (wait > 0) {
				await this.sleep(wait);
				continue; // Closed meanwhile, or the limit may have moved on: ask again.
			}

			attempts++;
			this.limiter.record(key, Date.now());
			try {
				const partly = await this.sendOnce(delivery, message, timeoutMs);
				const note = partly ? scrubText(partly, this.options.secrets) : undefined;
				update({status: 'sent', attempts, error: note, finishedAt: Date.now()});
				const together = items.length > 1 ? ` (${items.length} together)` : '';
				if (note) {
					// Not retried: the others have it; a second mail to them would not reach the refused address either.
					this.options.log('warn', `notification sent, but not to every recipient: ${delivery.channel} → ${delivery.recipient}${together}: ${note}`, {...about, attempts});
				} else {
					this.options.log('info', `notification sent: ${delivery.channel} → ${delivery.recipient}${together}`, {...about, attempts});
				}

				return {channel: delivery.channel, recipient: delivery.recipient, status: 'sent', attempts, ...(note ? {error: note} : {})};
			} catch (error) {
				lastError = scrubText(error instanceof Error ? error.message : String(error), this.options.secrets);
				const retryable = error instanceof DeliveryError ? error.retryable : true;
				if (error instanceof DeliveryError && error.pauseUntil !== undefined) {
					this.pausedUntil.set(key, error.pauseUntil);
				}

				update({attempts, error: lastError});
				this.options.log('warn', `notification attempt ${attempts}/${maxAttempts} failed: ${delivery.channel} → ${delivery.recipient}: ${lastError}`, about);
				if (!retryable) {
					break;
				}

				if (attempts < maxAttempts) {
					await this.sleep(backoffMs * (2 ** (attempts - 1)));
				}
			}
		}

		update({status: 'failed', attempts, error: lastError, finishedAt: Date.now()});
		this.options.log('error', `notification failed: ${delivery.channel} → ${delivery.recipient}: ${lastError}`, {...about, attempts});
		return {channel: delivery.channel, recipient: delivery.recipient, status: 'failed', attempts, error: lastError};
	}

	private async sendOnce(delivery: Delivery, message: Message, timeoutMs: number): Promise<string | undefined> {
		const attempt = attemptSignal(timeoutMs, this.closed.signal);
		try {
			return (await delivery.send(message, attempt.signal)) ?? undefined;
		} finally {
			attempt.done();
		}
	}

	private async sleep(ms: number): Promise<void> {
		if (this.closed.signal.aborted) {
			return;
		}

		return new Promise(resolve => {
			const wait = {
				timer: setTimeout(() => {
					this.waits.delete(wait);
					resolve();
				}, ms),
				resolve,
			};
			this.waits.add(wait);
		});
	}
}

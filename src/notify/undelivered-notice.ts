/**
 * The standing notice of alerts that could not be delivered: per channel, since when its deliveries
 * fail, the last error and how many are waiting to go through it. A channel leaves it once a delivery
 * through it succeeds; the notice is gone when none is left. Shown by `status`, the console header and
 * `sage_notices`, as the scheduler's other notices.
 */
import type {ChannelName} from './notification-types.js';

export const undeliveredNoticeKey = 'alerts-undelivered';

type Failing = {since: number; error: string};

export class UndeliveredNotice {
	private readonly failing = new Map<ChannelName, Failing>();
	private readonly waiting = new Map<ChannelName, number>();
	/** The channels configured, once known: trouble of another is not shown. */
	private channels: ReadonlySet<ChannelName> | undefined;

	/**
	 * @param show sets the notice (undefined: none)
	 * @param clock `HH:MM` of an instant, as the operator reads times
	 */
	constructor(private readonly show: (text: string | undefined) => void, private readonly clock: (at: number) => string) {}

	/** A delivery through `channel` was queued. */
	queued(channel: ChannelName): void {
		this.waiting.set(channel, (this.waiting.get(channel) ?? 0) + 1);
		if (this.failing.has(channel)) {
			this.update();
		}
	}

	/**
	 * The channels configured now (the notify files read again): one taken out leaves the notice, and a
	 * delivery still queued through it that fails does not raise it again. It stayed until a restart,
	 * `alerts not delivered: dingtalk …` for a robot the operator had removed for failing.
	 */
	configured(channels: readonly ChannelName[]): void {
		const configured = new Set(channels);
		this.channels = configured;
		const gone = [...this.failing.keys()].filter(channel => !configured.has(channel));
		for (const channel of gone) {
			this.failing.delete(channel);
		}

		if (gone.length > 0) {
			this.update();
		}
	}

	/** A delivery through `channel` ended: sent clears the channel's trouble, failed raises or keeps it. */
	ended(channel: ChannelName, outcome: {status: 'sent' | 'failed'; error?: string}, now = Date.now()): void {
		this.waiting.set(channel, Math.max((this.waiting.get(channel) ?? 1) - 1, 0));
		if (outcome.status === 'sent' || (this.channels && !this.channels.has(channel))) {
			if (this.failing.delete(channel)) {
				this.update();
			}

			return;
		}

		this.failing.set(channel, {since: this.failing.get(channel)?.since ?? now, error: outcome.error ?? 'unknown error'});
		this.update();
	}

	private update(): void {
		if (this.failing.size === 0) {
			this.show(undefined);
			return;
		}

		const parts = [...this.failing].map(([channel, {since, error}]) => {
			const waiting = this.waiting.get(channel) ?? 0;
			return `${channel} (${error}) since ${this.clock(since)}; ${waiting} waiting`;
		});
		this.show(`alerts not delivered: ${parts.join('; ')}`);
	}
}

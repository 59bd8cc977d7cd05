/** Sends allowed per key (a robot, a PushPlus account) in a sliding minute. */
export class RateLimiter {
	private readonly sent = new Map<string, number[]>();

	constructor(private readonly perMinute: (key: string) => number, private readonly windowMs = 60_000) {}

	/** How long to wait before the next send under `key` is allowed; 0 when it may go now. */
	delayFor(key: string, now: number): number {
		const limit = this.perMinute(key);
		const recent = (this.sent.get(key) ?? []).filter(at => now - at < this.windowMs);
		this.sent.set(key, recent);
		return recent.length < limit ? 0 : recent[0]! + this.windowMs - now;
	}

	record(key: string, now: number): void {
		this.sent.set(key, [...(this.sent.get(key) ?? []), now]);
	}
}

/** The channels' documented limits: PushPlus 5/min, DingTalk and WeCom robots 20/min. */
export function channelRateLimit(key: string): number {
	if (key.startsWith('pushplus')) {
		return 5;
	}

	if (key.startsWith('dingtalk') || key.startsWith('wecom')) {
		return 20;
	}

	return 30;
}

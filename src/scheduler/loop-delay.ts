import {monitorEventLoopDelay, type IntervalHistogram} from 'node:perf_hooks';

const resolutionMs = 200;

/** Event-loop delay as the operator should see it: how late the scheduler itself can be. */
export class LoopDelayMonitor {
	private readonly histogram: IntervalHistogram = monitorEventLoopDelay({resolution: resolutionMs});
	private lastP99 = 0;
	private lastReset = 0;

	start(): void {
		this.histogram.enable();
	}

	stop(): void {
		this.histogram.disable();
	}

	/**
	 * p99 in ms over a rolling window of about `windowMs`. The histogram records whole timer
	 * intervals (an idle loop reads as the 200 ms resolution), so the resolution is taken off.
	 */
	p99(now: number, windowMs = 5000): number {
		if (now - this.lastReset >= windowMs) {
			this.lastP99 = this.histogram.count > 0 ? Math.max(0, (this.histogram.percentile(99) / 1e6) - resolutionMs) : 0;
			this.histogram.reset();
			this.lastReset = now;
		}

		return this.lastP99;
	}
}

/**
 * A service's timers, by name, so a state change clears exactly the ones that no longer apply. Policy
 * times (backoff, readiness grace and timeout, min_uptime, up_grace) run on the injected clock, as the
 * scheduler's do; reading the output for a readiness pattern is polling of a real file, on real time.
 */
import type {Clock} from '../scheduler/clock.js';
import {OutputWatch} from './output-watch.js';

export type TimerName = 'backoff' | 'ready' | 'ready-timeout' | 'stable' | 'up-grace' | 'output';

export class ServiceTimers {
	private readonly handles = new Map<TimerName, unknown>();
	private outputTimer: NodeJS.Timeout | undefined;

	constructor(private readonly clock: Clock) {}

	set(name: Exclude<TimerName, 'output'>, ms: number, callback: () => void): void {
		this.clear(name);
		this.handles.set(name, this.clock.setTimeout(() => {
			this.handles.delete(name);
			callback();
		}, ms));
	}

	/** Reads `file` from `offset` every `everyMs` (at once while it is behind the file's end) until a line matches `pattern`. */
	watchOutput(file: string, offset: number, pattern: string, everyMs: number, matched: (line: string) => void): void {
		this.clear('output');
		const watch = new OutputWatch(file, offset, pattern);
		const check = () => {
			const line = watch.check();
			if (line === undefined) {
				this.outputTimer = setTimeout(check, watch.behind ? 0 : everyMs);
			} else {
				this.outputTimer = undefined;
				matched(line);
			}
		};

		this.outputTimer = setTimeout(check, everyMs);
	}

	clear(...names: TimerName[]): void {
		for (const name of names) {
			if (name === 'output') {
				clearTimeout(this.outputTimer);
				this.outputTimer = undefined;
				continue;
			}

			if (this.handles.has(name)) {
				this.clock.clearTimeout(this.handles.get(name));
				this.handles.delete(name);
			}
		}
	}

	clearAll(): void {
		this.clear('backoff', 'ready', 'ready-timeout', 'stable', 'up-grace', 'output');
	}
}

/**
 * When a service is wanted: inside its window while it is enabled, or until the end of the next window
 * after a manual start outside it; and when a hold (stopped, fatal) is over — once a window opens after
 * it began. Reads the window through service-window.ts; keeps only the manual start's extension.
 */
import type {TradingCalendar} from '../market/trading-calendar.js';
import type {ServiceDefinition} from './service-definition.js';
import type {ServiceState} from './service-states.js';
import {nextWindowEdge, windowAt} from './service-window.js';

/** "held until a manual start or the next window" (a service always wanted has no next window). */
export function heldUntilText(def: ServiceDefinition): string {
	return `held until a manual start${def.window.kind === 'always' ? '' : ' or the next window'}`;
}

export class WantedWindow {
	private until: number | undefined;

	/**
	 * @param calendar the trading calendar in use, asked each time (a reload may hand over another)
	 * @param keep told each change of the manual start's extension, to keep it across a scheduler restart
	 */
	constructor(private readonly current: () => ServiceDefinition, private readonly calendar: () => TradingCalendar, private readonly keep: (until: number | undefined) => void = () => undefined) {}

	/** A manual start outside the window keeps it up until then. */
	get manualUntil(): number | undefined {
		return this.until;
	}

	set manualUntil(until: number | undefined) {
		if (until !== this.until) {
			this.until = until;
			this.keep(until);
		}
	}

	/** After a scheduler restart: the extension a manual start outside the window gave it, as it was kept. */
	restoreManualUntil(until: number): void {
		this.until = until;
	}

	/** Whether it should run at `now`: its window (or a manual start outside it) and `enabled`. */
	wanted(now: number): boolean {
		const def = this.current();
		if (!def.enabled) {
			return false;
		}

		return this.inside(now) || (this.manualUntil !== undefined && now < this.manualUntil);
	}

	inside(now: number): boolean {
		return windowAt(this.current().window, now, this.calendar()).inside;
	}

	/** When the window it is in at `now` opened (-Infinity for `always`); undefined outside its window. */
	openedAt(now: number): number | undefined {
		const window = windowAt(this.current().window, now, this.calendar());
		return window.inside ? window.openedAt : undefined;
	}

	/** The next instant its window opens or closes (or a manual start's extension ends). */
	nextEdge(now: number): number | undefined {
		const edge = nextWindowEdge(this.current().window, now, this.calendar());
		const manual = this.manualUntil !== undefined && this.manualUntil > now ? this.manualUntil : undefined;
		return [edge, manual].filter((at): at is number => at !== undefined && Number.isFinite(at)).sort((a, b) => a - b)[0];
	}

	/** A manual start's extension is over at its end. */
	expire(now: number): void {
		if (this.manualUntil !== undefined && now >= this.manualUntil) {
			this.manualUntil = undefined;
		}
	}

	/**
	 * A manual start at `now`: outside the window, it stays up until the end of the next one.
	 * @returns whether that moved its next edge
	 */
	startedByHand(now: number): boolean {
		const until = this.untilIfStartedByHand(now);
		if (until === undefined) {
			return false;
		}

		this.manualUntil = until;
		return true;
	}

	/** Until when a manual start at `now` would keep it up: undefined inside its window (Infinity: until a stop). */
	untilIfStartedByHand(now: number): number | undefined {
		return this.inside(now) ? undefined : this.endOfNextWindow(now);
	}

	/**
	 * Its window changed (a reload of jobs.yaml): a manual start's extension ends with the new window,
	 * the one open at `now` or else the next one, not where the old window would have ended.
	 */
	windowChanged(now: number): void {
		if (this.until === undefined) {
			return;
		}

		const window = windowAt(this.current().window, now, this.calendar());
		// `always` (opened at -Infinity): inside its window for good, nothing left to extend.
		this.manualUntil = window.inside ? (Number.isFinite(window.openedAt) ? window.closesAt ?? Number.POSITIVE_INFINITY : undefined) : this.endOfNextWindow(now);
	}

	/** Held (stopped, fatal) in an earlier window than the one open now: the hold is over. */
	holdEnded(state: ServiceState, heldAt: number | undefined, now: number): boolean {
		if ((state !== 'stopped' && state !== 'fatal') || heldAt === undefined) {
			return false;
		}

		const window = windowAt(this.current().window, now, this.calendar());
		return window.inside && window.openedAt > heldAt;
	}

	private endOfNextWindow(now: number): number {
		const {window: serviceWindow} = this.current();
		const window = windowAt(serviceWindow, now, this.calendar());
		if (window.inside || window.opensAt === undefined) {
			return Number.POSITIVE_INFINITY;
		}

		const next = windowAt(serviceWindow, window.opensAt, this.calendar());
		return next.inside && next.closesAt !== undefined ? next.closesAt : Number.POSITIVE_INFINITY;
	}
}

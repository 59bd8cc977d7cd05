/**
 * The supervisor's one timer on the injected clock: armed for the earliest window edge of any
 * service, it reconciles every service with its window when that edge comes, and arms again. It
 * never sleeps long, so a step of the wall clock is seen within seconds (timers run on the monotonic
 * clock, windows on the wall clock): a step forward past an edge is that edge come; a step back (an
 * NTP correction) reconciles at once, as the edges planned before it may be the wrong ones.
 */
import type {Clock} from '../scheduler/clock.js';
import type {SupervisedService} from './supervised-service.js';
import type {SupervisorSay} from './supervisor-deps.js';

export type WindowEdgesDeps = {
	clock: Clock;
	/** Every service supervised now. */
	services(): Iterable<SupervisedService>;
	/** The supervisor has started watching (nothing is armed before). */
	started(): boolean;
	/** The supervisor is stopping: nothing is reconciled or armed any more. */
	closed(): boolean;
	/** The services part of the snapshot may have changed. */
	changed(): void;
	say: SupervisorSay;
};

/** The longest sleep between looks at the wall clock. */
const maxSleepMs = 5000;

/** A wake this much earlier on the wall clock than planned is the clock stepping back. */
const stepBackMs = 1000;

export class WindowEdges {
	private timer: unknown;
	/** The earliest window edge of any service, as planned at the last arm. */
	private edgeAt: number | undefined;
	/** The wall time the timer should wake at. */
	private expectedWake = 0;

	constructor(private readonly deps: WindowEdgesDeps) {}

	/** Every service set by its window now (`reason` goes into what a start or stop says), then the timer armed again. */
	reconcile(reason: string): void {
		if (this.deps.closed()) {
			return;
		}

		const now = this.deps.clock.now();
		for (const service of this.deps.services()) {
			try {
				service.reconcile(now, reason);
			} catch (error) {
				this.deps.say('error', `service ${service.def.id}: ${(error as Error).message}`, {jobId: service.def.id});
			}
		}

		this.arm();
	}

	/** One timer, for the earliest window edge of any service. */
	arm(): void {
		this.deps.clock.clearTimeout(this.timer);
		this.timer = undefined;
		if (this.deps.closed() || !this.deps.started()) {
			return;
		}

		const now = this.deps.clock.now();
		const edges = [...this.deps.services()].map(service => service.nextEdge(now)).filter((at): at is number => at !== undefined && at > now);
		this.edgeAt = edges.length > 0 ? Math.min(...edges) : undefined;
		this.sleep(now);
		this.deps.changed();
	}

	stop(): void {
		this.deps.clock.clearTimeout(this.timer);
	}

	/** Until the planned edge, or a few seconds at most. */
	private sleep(now: number): void {
		this.timer = undefined;
		if (this.edgeAt === undefined) {
			return;
		}

		const wait = Math.min(Math.max(this.edgeAt - now, 0), maxSleepMs);
		this.expectedWake = now + wait;
		this.timer = this.deps.clock.setTimeout(() => this.wake(), wait);
	}

	private wake(): void {
		this.timer = undefined;
		if (this.deps.closed() || this.edgeAt === undefined) {
			return;
		}

		const now = this.deps.clock.now();
		if (now >= this.edgeAt || now < this.expectedWake - stepBackMs) {
			this.reconcile('window start');
			return;
		}

		this.sleep(now);
	}
}

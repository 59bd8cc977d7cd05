/**
 * The supervisor's one timer on the injected clock: armed for the earliest window edge of any
 * service, it reconciles every service with its window when that edge comes, and arms again.
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

export class WindowEdges {
	private timer: unknown;

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
		if (edges.length > 0) {
			this.timer = this.deps.clock.setTimeout(() => this.reconcile('window start'), Math.min(...edges) - now);
		}

		this.deps.changed();
	}

	stop(): void {
		this.deps.clock.clearTimeout(this.timer);
	}
}

import type {SchedulerSnapshot, ServiceView} from '../protocol/snapshot.js';

/**
 * The supervisor's part of the scheduler's snapshot (src/supervisor), so every client gets one
 * snapshot. The joined snapshot is the same object while neither side changed: clients compare a
 * snapshot's parts by identity.
 */
export class ServicesPart {
	private source: (() => readonly ServiceView[]) | undefined;
	private base: SchedulerSnapshot | undefined;
	private views: readonly ServiceView[] | undefined;
	private joined: SchedulerSnapshot | undefined;

	show(source: () => readonly ServiceView[]): void {
		this.source = source;
		this.base = undefined;
	}

	/** `base` with the services, when there are any to show. */
	join(base: SchedulerSnapshot): SchedulerSnapshot {
		if (!this.source) {
			return base;
		}

		const views = this.source();
		if (this.base !== base || this.views !== views || !this.joined) {
			this.joined = {...base, services: views};
			this.base = base;
			this.views = views;
		}

		return this.joined;
	}
}

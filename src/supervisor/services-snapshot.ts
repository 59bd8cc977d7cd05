/**
 * The services part of the scheduler's snapshot: one view a service, kept as the same array until
 * something in it changed, so a client re-renders only on a change (the snapshot is immutable and
 * replaced on change).
 */
import type {ServiceView} from '../protocol/snapshot.js';
import {zonedDate} from '../time/zoned-time.js';
import type {SupervisedService} from './supervised-service.js';

export class ServicesSnapshot {
	private views: readonly ServiceView[] = [];
	private stale = true;
	private viewsDay = '';

	/** @param timezone The config's zone now (a reload may change it): the day restarts are counted in. */
	constructor(private readonly timezone: () => string) {}

	/** Something a view shows changed: the next read builds them anew. */
	markStale(): void {
		this.stale = true;
	}

	/** The views at `now`: the same array as last time unless a service changed or the day did. */
	read(services: Iterable<SupervisedService>, now: number): readonly ServiceView[] {
		// Restarts are counted per day: a new day is a change even when nothing else moved.
		const day = zonedDate(now, this.timezone());
		if (this.stale || day !== this.viewsDay) {
			this.views = [...services].map(service => service.view(now));
			this.viewsDay = day;
			this.stale = false;
		}

		return this.views;
	}
}

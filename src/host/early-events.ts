/**
 * The events the HTTP API's metrics count, kept from the scheduler's start until the API's thread
 * subscribes (about a second later): the runs the start closed as interrupted, the fires a catch-up
 * found missed, the first runs' ends and the first alerts' deliveries. The API's session is served
 * from `source`, which hands them over when that session subscribes, in the order they happened and
 * before anything newer, so /metrics counts from the scheduler's start and not from the thread's.
 */
import type {EventName, Events} from '../protocol/messages.js';
import type {EventSource} from '../protocol/server-session.js';
import {defaultEvents} from '../protocol/event-names.js';
import type {EventRelay} from './event-relay.js';

type Kept = {name: EventName; data: unknown};

/** Past this many, later ones are not kept (a start is a second or so: far fewer happen). */
const maxKept = 10_000;

export class EarlyEvents {
	private kept: Kept[] = [];
	private stopKeeping: (() => void) | undefined;

	/** Starts keeping the events named: made before the scheduler starts. */
	constructor(private readonly relay: EventRelay, names: readonly EventName[]) {
		this.stopKeeping = relay.on((name, data) => {
			if (this.kept.length < maxKept) {
				this.kept.push({name, data});
			}
		}, new Set(names));
	}

	/** The relay, for the API's session: its first subscription gets the kept events it names, then the live ones. */
	get source(): EventSource {
		return {
			on: (listener, names = new Set(defaultEvents)) => {
				// Listening before the hand-over, in the same turn: no event falls between the two or comes twice.
				const off = this.relay.on(listener, names);
				const kept = this.kept;
				this.drop();
				for (const {name, data} of kept) {
					if (names.has(name)) {
						listener(name, data as Events[typeof name]);
					}
				}

				return off;
			},
		};
	}

	/** Stops keeping, and lets go of what was kept (the API is off, or has what it needs). */
	drop(): void {
		this.stopKeeping?.();
		this.stopKeeping = undefined;
		this.kept = [];
	}
}

import {readFileSync} from 'node:fs';
import type {EventName, Events} from '../../src/protocol/messages.js';
import type {EventSource} from '../../src/protocol/server-session.js';

/** The scheduler's events as a socket session hears them, published by the test. */
export class TestEvents implements EventSource {
	readonly listeners = new Set<(name: EventName, data: unknown) => void>();

	on(listener: <E extends EventName>(name: E, data: Events[E]) => void): () => void {
		const own = listener as (name: EventName, data: unknown) => void;
		this.listeners.add(own);
		return () => this.listeners.delete(own);
	}

	publish(name: EventName, data: unknown): void {
		for (const listener of this.listeners) {
			listener(name, data);
		}
	}
}

/** A process's state letter from /proc (`T` once SIGSTOP stopped it). */
export const processState = (pid: number) => /^State:\s+(\S)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];

type Listener<T> = (payload: T) => void;

/** A tiny synchronous event emitter keyed by a typed event map. */
export class TypedEmitter<Events extends Record<string, unknown>> {
	private readonly listeners = new Map<keyof Events, Set<Listener<never>>>();

	on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
		let set = this.listeners.get(event);
		if (!set) {
			set = new Set();
			this.listeners.set(event, set);
		}

		set.add(listener as Listener<never>);
		return () => set.delete(listener as Listener<never>);
	}

	emit<K extends keyof Events>(event: K, payload: Events[K]): void {
		for (const listener of this.listeners.get(event) ?? []) {
			(listener as Listener<Events[K]>)(payload);
		}
	}
}

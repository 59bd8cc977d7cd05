/**
 * Answers kept by key for a small set that stays (characters, colour codes), emptied whole if it ever
 * reaches `limit` keys: a lookup instead of the work, and memory that cannot grow with what jobs print.
 */
export class BoundedMemo<V> {
	private readonly kept = new Map<string, V>();

	constructor(private readonly limit: number) {}

	get(key: string, work: (key: string) => V): V {
		let value = this.kept.get(key);
		if (value === undefined) {
			if (this.kept.size >= this.limit) {
				this.kept.clear();
			}

			value = work(key);
			this.kept.set(key, value);
		}

		return value;
	}
}
